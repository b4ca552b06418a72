import type {
  DeterminationResult,
  MeasureKind,
  MeasureStatus,
  PersonCategory,
  Substance,
  TestMethod,
  TestResult,
} from '../domain/persons';

/** Labels of the persons domain's codes, in both languages: the renderer, the dossier and the CLI share them. */
export interface PersonLabels {
  category: Record<PersonCategory, string>;
  measureKind: Record<MeasureKind, string>;
  measureStatus: Record<MeasureStatus, string>;
  testResult: Record<TestResult, string>;
  testMethod: Record<TestMethod, string>;
  determinationResult: Record<DeterminationResult, string>;
  substance: Record<Substance, string>;
  sex: Record<'male' | 'female', string>;
}

export const personLabels: Record<'vi' | 'en', PersonLabels> = {
  vi: {
    category: {
      unclassified: 'Chưa phân loại',
      user: 'Người sử dụng trái phép chất ma túy',
      addict: 'Người nghiện ma túy',
      in_rehab: 'Người đang cai nghiện',
      methadone: 'Người điều trị thay thế (methadone)',
      post_rehab: 'Người sau cai nghiện',
    },
    measureKind: {
      user_management: 'Quản lý người sử dụng trái phép chất ma túy',
      voluntary_rehab_community: 'Cai nghiện tự nguyện tại gia đình, cộng đồng',
      voluntary_rehab_facility: 'Cai nghiện tự nguyện tại cơ sở',
      compulsory_rehab: 'Cai nghiện bắt buộc',
      methadone: 'Điều trị thay thế bằng methadone',
      post_rehab_management: 'Quản lý sau cai nghiện',
    },
    measureStatus: { active: 'Đang thực hiện', completed: 'Đã hoàn thành', interrupted: 'Gián đoạn' },
    testResult: { positive: 'Dương tính', negative: 'Âm tính' },
    testMethod: {
      urine_quick: 'Xét nghiệm nhanh nước tiểu',
      lab: 'Xét nghiệm tại phòng thí nghiệm',
      hair: 'Xét nghiệm tóc',
      other: 'Khác',
    },
    determinationResult: { pending: 'Chờ kết quả', addicted: 'Nghiện ma túy', not_addicted: 'Không nghiện' },
    substance: {
      heroin: 'Heroin',
      methamphetamine: 'Ma túy tổng hợp (methamphetamine)',
      cannabis: 'Cần sa',
      mdma: 'Thuốc lắc (MDMA)',
      ketamine: 'Ketamine',
      cocaine: 'Cocaine',
      opium: 'Thuốc phiện',
      other: 'Chất khác',
    },
    sex: { male: 'Nam', female: 'Nữ' },
  },
  en: {
    category: {
      unclassified: 'Unclassified',
      user: 'Illegal drug user',
      addict: 'Drug addict',
      in_rehab: 'In rehab',
      methadone: 'On methadone',
      post_rehab: 'Post-rehab',
    },
    measureKind: {
      user_management: 'Illegal-user management',
      voluntary_rehab_community: 'Voluntary rehab at home/community',
      voluntary_rehab_facility: 'Voluntary rehab at a facility',
      compulsory_rehab: 'Compulsory rehab',
      methadone: 'Methadone treatment',
      post_rehab_management: 'Post-rehab management',
    },
    measureStatus: { active: 'Active', completed: 'Completed', interrupted: 'Interrupted' },
    testResult: { positive: 'Positive', negative: 'Negative' },
    testMethod: { urine_quick: 'Urine quick test', lab: 'Laboratory test', hair: 'Hair test', other: 'Other' },
    determinationResult: { pending: 'Pending', addicted: 'Addicted', not_addicted: 'Not addicted' },
    substance: {
      heroin: 'Heroin',
      methamphetamine: 'Methamphetamine',
      cannabis: 'Cannabis',
      mdma: 'MDMA',
      ketamine: 'Ketamine',
      cocaine: 'Cocaine',
      opium: 'Opium',
      other: 'Other',
    },
    sex: { male: 'Male', female: 'Female' },
  },
};
