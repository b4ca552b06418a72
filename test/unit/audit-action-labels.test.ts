import { describe, expect, it } from 'vitest';
import { AuditActions } from '../../shared/domain/audit-actions';
import { auditActionLabels } from '../../shared/i18n/audit-action-labels';

describe('audit action names', () => {
  it('name every action the host writes, in Vietnamese and in English', () => {
    for (const action of Object.values(AuditActions)) {
      const vi = auditActionLabels.vi[action];
      const en = auditActionLabels.en[action];
      expect(vi, action).toMatch(/\S/);
      expect(en, action).toMatch(/\S/);
      // A label is words for people, never the code itself.
      expect(vi, action).not.toBe(action);
      expect(en, action).not.toBe(action);
    }
    // No two actions share a Vietnamese name, so the audit filter cannot offer the same words twice.
    const names = Object.values(AuditActions).map((a) => auditActionLabels.vi[a]);
    expect(new Set(names).size).toBe(names.length);
  });
});
