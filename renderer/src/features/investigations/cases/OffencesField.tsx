import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Select, Typography } from 'antd';
import { useFieldArray, useWatch, type Control, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { offenceOf } from '../../../../../shared/domain/investigations';
import { foldedFilter } from '../../persons/list/PersonSearchBar';
import { ARTICLES, useInvestigationLabels } from '../labels';

export interface OffenceForm {
  article: string;
  clause: number | null;
}

interface WithOffences {
  offences: OffenceForm[];
}

/**
 * The offences picker: an article of Chapter XX chosen by number or words of its title, then one of its
 * clauses, shown with the clause's penalty bracket. Several offences may be charged in one case.
 */
export function OffencesField<T extends WithOffences>(props: { control: Control<T>; errors: FieldErrors<T> }) {
  const { t } = useTranslation();
  const labels = useInvestigationLabels();
  const control = props.control as unknown as Control<WithOffences>;
  const errors = props.errors as FieldErrors<WithOffences>;
  const { fields, append, remove, update } = useFieldArray({ control, name: 'offences' });
  const values = useWatch({ control, name: 'offences' });
  const listError = errors.offences?.root?.message ?? errors.offences?.message;
  const msg = (m: string | undefined) =>
    m ? t(`validation.${m}`, { defaultValue: t('validation.invalid') }) : undefined;

  return (
    <div role="group" aria-label={t('investigations.case.offences')}>
      {fields.map((field, i) => {
        const value = values?.[i] ?? field;
        const offence = value.article ? offenceOf(value.article) : undefined;
        const e = errors.offences?.[i];
        const articleError = msg(e?.article?.message);
        const clauseError = msg(e?.clause?.message);
        return (
          <Row gutter={12} key={field.id} align="top" className="inv-offence-row" data-testid="offence-row">
            <Col xs={24} md={13}>
              <Form.Item
                label={i === 0 ? t('investigations.case.article') : undefined}
                validateStatus={articleError ? 'error' : undefined}
                help={articleError ? <span role="alert">{articleError}</span> : undefined}
                required
              >
                <Select
                  aria-label={t('investigations.case.articleN', { n: i + 1 })}
                  aria-invalid={Boolean(articleError)}
                  status={articleError ? 'error' : undefined}
                  value={value.article || undefined}
                  placeholder={t('investigations.case.chooseArticle')}
                  showSearch={{ filterOption: foldedFilter }}
                  onChange={(article: string) => update(i, { article, clause: null })}
                  options={ARTICLES.map((o) => ({
                    value: o.article,
                    label: `${labels.language === 'vi' ? 'Điều' : 'Art.'} ${o.article}. ${o.title[labels.language]}`,
                  }))}
                  popupMatchSelectWidth={false}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={18} md={9}>
              <Form.Item
                label={i === 0 ? t('investigations.case.clause') : undefined}
                validateStatus={clauseError ? 'error' : undefined}
                help={clauseError ? <span role="alert">{clauseError}</span> : undefined}
                required
              >
                <Select
                  aria-label={t('investigations.case.clauseN', { n: i + 1 })}
                  aria-invalid={Boolean(clauseError)}
                  status={clauseError ? 'error' : undefined}
                  value={value.clause ?? undefined}
                  disabled={!offence}
                  placeholder={offence ? t('investigations.case.chooseClause') : t('investigations.case.articleFirst')}
                  onChange={(clause: number) => update(i, { article: value.article, clause })}
                  options={(offence?.clauses ?? []).map((c) => ({
                    value: c.clause,
                    label: `${t('investigations.case.clauseShort', { n: c.clause })} · ${labels.penalty(c.minYears, c.maxPenalty)}`,
                  }))}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={6} md={2}>
              <Form.Item label={i === 0 ? <span className="inv-sr-only">{t('common.actions')}</span> : undefined}>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('investigations.case.removeOffence', { n: i + 1 })}
                  disabled={fields.length === 1}
                  onClick={() => remove(i)}
                />
              </Form.Item>
            </Col>
          </Row>
        );
      })}
      {listError ? (
        <Typography.Text type="danger" role="alert">
          {msg(listError)}
        </Typography.Text>
      ) : null}
      <div>
        <Button icon={<PlusOutlined />} onClick={() => append({ article: '', clause: null })}>
          {t('investigations.case.addOffence')}
        </Button>
      </div>
    </div>
  );
}
