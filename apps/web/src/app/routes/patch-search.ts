/** The route's search with a patch applied (`prev` is typed loosely: the router passes any route's search). */
export const patchSearch =
  <S extends object>(patch: Partial<S>) =>
  (prev: object): S => {
    const next = { ...prev, ...patch };
    return Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== '')) as S;
  };
