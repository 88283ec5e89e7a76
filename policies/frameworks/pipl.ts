/** Personal Information Protection Law of the PRC (个人信息保护法, 2021): the articles rules enforce. */
export const PIPL_STANDARD = 'Personal Information Protection Law of the PRC (PIPL)';

export const PIPL_ARTICLES: Readonly<Record<string, string>> = {
  'Art. 9': 'Handlers are responsible for their processing activities and take measures to ensure security',
  'Art. 19': 'Retention limited to the shortest period necessary for the purpose',
  'Art. 21': 'Entrusted processing: agreement and supervision of the entrusted party',
  'Art. 28': 'Sensitive personal information (including medical health) — strict protection',
  'Art. 38': 'Conditions for providing personal information outside the PRC',
  'Art. 40': 'Domestic storage by critical information infrastructure operators',
  'Art. 51': 'Security measures: management rules, classification, encryption/de-identification, access permissions, training, incident plans',
  'Art. 52': 'Personal information protection officer',
  'Art. 54': 'Regular compliance audits',
  'Art. 55': 'Personal information protection impact assessment',
  'Art. 57': 'Remedial measures and notification on leaks, tampering or loss',
};
