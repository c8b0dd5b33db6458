/** The free-text description of a demo account, in the account's language. */
import type { City, Lang } from './countries.ts';
import type { Rng } from './random.ts';

const fairs: Record<Lang, readonly string[]> = {
  de: ['der Hannover Messe', 'der LogiMAT', 'der bauma', 'der SPS in Nürnberg', 'der MEDICA', 'der productronica'],
  en: ['Hannover Messe', 'Web Summit', 'the Manufacturing Show', 'Smart Factory Expo'],
  ro: ['TIB București', 'Romexpo', 'Construct Expo'],
  zh: ['广交会', '进博会', '上海工博会'],
  fr: ['Global Industrie', 'Vivatech', 'SIAL Paris'],
  pl: ['Targach Poznańskich', 'Warsaw Industry Week', 'Targach Kielce'],
};

const monthNames: Record<Lang, readonly string[]> = {
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  ro: ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'],
  zh: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  pl: ['styczeń', 'luty', 'marzec', 'kwiecień', 'maj', 'czerwiec', 'lipiec', 'sierpień', 'wrzesień', 'październik', 'listopad', 'grudzień'],
};

/** 23700 as people write it in each language (fixed separators, so the output never depends on ICU data). */
function grouped(n: number, lang: Lang): string {
  const sep = { de: '.', ro: '.', en: ',', fr: '\u00a0', pl: '\u00a0', zh: '' }[lang];
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export function describeAccount(r: Rng, lang: Lang, what: string, city: City, headcount: number): string {
  const employees = grouped(headcount, lang);
  const year = r.int(2012, 2025);
  const month = r.pick(monthNames[lang]);
  const fair = r.pick(fairs[lang]);
  const pilotYear = r.int(2026, 2027);
  const place = city.short ?? city.name;
  const intro: Record<Lang, readonly string[]> = {
    de: [`Spezialist für ${what} mit Sitz in ${place}.`, `Familiengeführtes Unternehmen, Schwerpunkt ${what}, rund ${employees} Mitarbeitende.`, `Anbieter von ${what}; Zentrale in ${place}.`],
    en: [`${r.pick(['Leading', 'Independent', 'Family-owned', 'Fast-growing', 'Established'])} provider of ${what}, based in ${place}.`, `Specialist in ${what} with around ${employees} staff.`],
    ro: [`Companie din ${place} specializată în ${what}.`, `Firmă de familie cu aproximativ ${employees} de angajați, activă în ${what}.`],
    zh: [`总部位于${place}，主营${what}。`, `专注于${what}，员工约${employees}人。`],
    fr: [`Entreprise basée à ${place}, spécialisée dans ${what}.`, `Acteur reconnu dans ${what}, environ ${employees} salariés.`],
    pl: [`Siedziba: ${place}. Specjalizacja: ${what}.`, `Firma rodzinna, ok. ${employees} pracowników. Branża: ${what}.`],
  };
  const notes: Record<Lang, readonly string[]> = {
    de: [`Rahmenvertrag seit ${year}, Preisverhandlung jährlich im ${month}.`, `Erstkontakt auf ${fair}.`, 'Der Einkauf bündelt Bestellungen quartalsweise.', 'Zahlungsziel 30 Tage netto.', `Interesse an einem Pilotprojekt ${pilotYear}.`],
    en: [`Framework agreement since ${year}; prices reviewed every ${month}.`, `First met at ${fair}.`, 'Procurement is centralised at head office.', 'Payment terms 30 days net.', `Evaluating a pilot for ${pilotYear}.`],
    ro: [`Contract-cadru din ${year}; prețurile se renegociază anual în ${month}.`, `Primul contact la ${fair}.`, 'Achizițiile sunt centralizate la sediul central.', 'Termen de plată: 30 de zile.', `Interesați de un proiect pilot în ${pilotYear}.`],
    zh: [`自${year}年起签订框架协议，每年${month}月重新议价。`, `在${fair}上初次接触。`, '采购由总部统一负责。', '付款期限为30天。', `计划于${pilotYear}年开展试点项目。`],
    fr: [`Contrat-cadre depuis ${year} ; renégociation annuelle en ${month}.`, `Premier contact au salon ${fair}.`, 'Délai de paiement : 30 jours.', `Projet pilote envisagé pour ${pilotYear}.`],
    pl: [`Umowa ramowa od ${year} r.`, `Pierwszy kontakt na ${fair}.`, 'Termin płatności: 30 dni.', `Zainteresowani projektem pilotażowym w ${pilotYear} r.`],
  };
  const sep = lang === 'zh' ? '' : ' ';
  const parts = [r.pick(intro[lang])];
  if (r.chance(0.75)) parts.push(r.pick(notes[lang]));
  return parts.join(sep);
}
