import type { PlaceholderTexts } from './types.js';

/** Greek: the placeholder, and the category titles of `src/ui/strings/el.ts`. */
export const el: PlaceholderTexts = {
  placeholder: 'Το περιεχόμενο του {service} ({provider}) δεν έχει φορτωθεί. Αν το φορτώσετε, συνδέεστε με το {host}: ο πάροχος {provider} λαμβάνει τη διεύθυνση IP σας και μπορεί να αποθηκεύει cookies ή να διαβάζει πληροφορίες από τη συσκευή σας.',
  placeholderLoadOnce: 'Φόρτωση μία φορά',
  placeholderAlwaysAllow: 'Να επιτρέπεται πάντα: {category}',
  placeholderUnavailable: 'Το περιεχόμενο από {host} δεν μπορεί να εμφανιστεί: αυτός ο ιστότοπος δεν το έχει περιγράψει για συγκατάθεση.',
  functionalLabel: 'Λειτουργικά',
  preferencesLabel: 'Προτιμήσεις',
  analyticsLabel: 'Στατιστικά',
  marketingLabel: 'Μάρκετινγκ',
  settings: 'Ρυθμίσεις cookies',
  mediaLabel: 'Εξωτερικό περιεχόμενο',
};
