/**
 * A page's view (its search, filters, sort, page) as the query string of its address: what differs from the
 * defaults, in the order given, so that links stay short and a bookmark reads as what was asked.
 */
export const viewParams = (
  values: Record<string, string | number | undefined>,
  defaults: Record<string, string | number>,
) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '' && value !== defaults[key]) params.set(key, String(value));
  return params;
};
