import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title block at the top of every page of the signed-in app. */
export function PageHeader({ title, description, extra }: { title: string; description?: string; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 20 }}>
      <div className="page-header-title">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        {description ? (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {description}
          </Typography.Paragraph>
        ) : null}
      </div>
      {extra ? (
        <Flex gap={8} className="page-header-extra">
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
