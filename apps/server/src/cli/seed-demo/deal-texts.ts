/** What demo deals are called and why some were lost, in the account's language; the currency each country sells in. */
import type { CountryCode, Lang } from './countries.ts';

/**
 * Deal names with placeholders: {y} the year of the expected close, {y2} the year after, {q} its quarter,
 * {n} a small number, {city} the account's city.
 */
export const newBusinessNames: Record<Lang, readonly string[]> = {
  de: ['Rahmenvertrag {y}', 'Wartungsvertrag {y}', 'Pilotprojekt {y}', 'Erweiterung Standort {city}', 'Ersatzteilpaket Q{q}/{y}', 'Modernisierung Linie {n}', 'Schulungspaket {y}', 'Lizenzerweiterung {n}0 Nutzer'],
  en: ['Framework agreement {y}', 'Service contract {y}', 'Pilot project {y}', '{city} site expansion', 'Spare parts Q{q} {y}', 'Line {n} upgrade', 'Training package {y}', 'Licence expansion ({n}0 seats)'],
  ro: ['Contract-cadru {y}', 'Contract de mentenanță {y}', 'Proiect pilot {y}', 'Extindere sediu {city}', 'Piese de schimb T{q} {y}', 'Modernizare linia {n}', 'Pachet de instruire {y}', 'Extindere licențe ({n}0 utilizatori)'],
  zh: ['{y}年框架协议', '{y}年维保合同', '{y}年试点项目', '{city}工厂扩建', '{y}年第{q}季度备件', '{n}号生产线改造', '{y}年培训服务', '软件许可扩容（{n}0用户）'],
  fr: ['Contrat-cadre {y}', 'Contrat de maintenance {y}', 'Projet pilote {y}', 'Extension du site de {city}', 'Pièces détachées T{q} {y}', 'Modernisation ligne {n}', 'Formation {y}', 'Extension de licences ({n}0 postes)'],
  pl: ['Umowa ramowa {y}', 'Umowa serwisowa {y}', 'Projekt pilotażowy {y}', 'Rozbudowa zakładu – {city}', 'Części zamienne Q{q} {y}', 'Modernizacja linii {n}', 'Pakiet szkoleń {y}', 'Rozszerzenie licencji ({n}0 stanowisk)'],
};

export const renewalNames: Record<Lang, readonly string[]> = {
  de: ['Verlängerung Wartungsvertrag {y}', 'Verlängerung Rahmenvertrag {y}', 'Lizenzverlängerung {y}', 'Servicevertrag {y}–{y2}'],
  en: ['Service contract renewal {y}', 'Framework agreement renewal {y}', 'Licence renewal {y}', 'Support {y}–{y2}'],
  ro: ['Prelungire contract mentenanță {y}', 'Reînnoire contract-cadru {y}', 'Reînnoire licențe {y}', 'Contract suport {y}–{y2}'],
  zh: ['{y}年维保合同续约', '{y}年框架协议续签', '{y}年软件许可续费', '{y}–{y2}年技术支持续约'],
  fr: ['Renouvellement contrat de maintenance {y}', 'Renouvellement contrat-cadre {y}', 'Renouvellement licences {y}', 'Support {y}–{y2}'],
  pl: ['Przedłużenie umowy serwisowej {y}', 'Odnowienie umowy ramowej {y}', 'Odnowienie licencji {y}', 'Wsparcie techniczne {y}–{y2}'],
};

export const lostReasons: Record<Lang, readonly string[]> = {
  de: ['Preis zu hoch', 'Wettbewerber hat den Zuschlag erhalten', 'Projekt auf unbestimmte Zeit verschoben', 'Kein Budget im laufenden Jahr'],
  en: ['Price too high', 'Went with a competitor', 'Project postponed indefinitely', 'No budget this year'],
  ro: ['Preț prea mare', 'Au ales un concurent', 'Proiect amânat pe termen nedefinit', 'Fără buget anul acesta'],
  zh: ['价格过高', '选择了竞争对手', '项目无限期推迟', '今年没有预算'],
  fr: ['Prix trop élevé', 'Un concurrent a été retenu', 'Projet reporté sine die', 'Pas de budget cette année'],
  pl: ['Zbyt wysoka cena', 'Wybrali konkurencję', 'Projekt przesunięty bezterminowo', 'Brak budżetu w tym roku'],
};

export const dealNotes: Record<Lang, readonly string[]> = {
  de: ['Angebot mit drei Jahren Laufzeit, Zahlungsziel 30 Tage.', 'Technische Klärung mit der Instandhaltung steht noch aus.', 'Einkauf verlangt ein zweites Angebot zum Vergleich.'],
  en: ['Three-year term quoted, payment 30 days net.', 'Waiting for sign-off from their finance director.', 'Procurement asked for a second quote to compare.'],
  ro: ['Ofertă pe trei ani, termen de plată 30 de zile.', 'Așteptăm aprobarea directorului financiar.', 'Achizițiile au cerut o a doua ofertă pentru comparație.'],
  zh: ['报价为三年期，付款期限30天。', '等待对方财务总监审批。', '采购部门要求再提供一份报价以便比较。'],
  fr: ['Offre sur trois ans, paiement à 30 jours.', 'En attente de la validation du directeur financier.', 'Les achats demandent un second devis pour comparer.'],
  pl: ['Oferta na trzy lata, termin płatności 30 dni.', 'Czekamy na akceptację dyrektora finansowego.', 'Dział zakupów poprosił o drugą ofertę do porównania.'],
};

/** The currency each country's deals are quoted in, and what one euro is worth in it (for amounts of similar size). */
export const dealCurrency: Record<CountryCode, { code: string; perEuro: number }> = {
  DE: { code: 'EUR', perEuro: 1 },
  FR: { code: 'EUR', perEuro: 1 },
  GB: { code: 'GBP', perEuro: 0.86 },
  US: { code: 'USD', perEuro: 1.08 },
  RO: { code: 'RON', perEuro: 4.97 },
  CN: { code: 'CNY', perEuro: 7.8 },
  PL: { code: 'PLN', perEuro: 4.3 },
};

/** The demo's second pipeline (the first is the default "Sales pipeline" every installation has). */
export const RENEWALS_PIPELINE = { name: 'Renewals', stages: [{ name: 'Renewal due', probability: 50 }, { name: 'Offer sent', probability: 70 }, { name: 'In negotiation', probability: 85 }] };
