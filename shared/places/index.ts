/**
 * Places since 1/7/2025: provinces, communes, and search over both. See places.ts for where the data comes from.
 */
export {
  commune,
  communeKind,
  CommuneKinds,
  communesOf,
  formatAddress,
  isValidCommune,
  province,
  provinces,
  ProvinceTypes,
  type Commune,
  type CommuneKind,
  type Province,
  type ProvinceType,
} from './places';
export { searchPlaces, type PlaceMatch, type SearchPlacesOptions } from './search';
