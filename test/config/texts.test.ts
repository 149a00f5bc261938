import { expect } from '@esm-bundle/chai';
import { countText, pluralCategory } from '../../src/config/texts.js';

describe('counted texts (config/texts.ts)', () => {
  it('answers English without Intl exactly as Intl.PluralRules does', () => {
    for (const tag of ['en', 'en-GB', 'EN-ie']) {
      const rules = new Intl.PluralRules(tag);
      for (let count = -20; count <= 1000; count++) expect(pluralCategory(tag, count), `${tag} ${count}`).to.equal(rules.select(count));
    }
    // Not an integer: Intl decides ("1.5 third parties").
    expect(pluralCategory('en', 1.5)).to.equal(new Intl.PluralRules('en').select(1.5));
  });

  it('uses each language\'s own forms, and "other" for a tag Intl refuses', () => {
    expect(pluralCategory('pl', 5)).to.equal('many');
    expect(pluralCategory('pl', 2)).to.equal('few');
    expect(pluralCategory('ga', 2)).to.equal('two');
    expect(pluralCategory('not a tag!', 1)).to.equal('other');
    expect(pluralCategory('en-$$', 1)).to.equal('other');
    expect(countText({ one: '{count} third party', other: '{count} third parties' }, 1, 'en')).to.equal('1 third party');
    expect(countText({ one: '{count} tredje part', other: '{count} tredje parter' }, 3, 'sv')).to.equal('3 tredje parter');
  });
});
