/** The template's own words, without its `{{…}}` tags: what the live count can know before sending (counted by `smsLength` of @app/contracts, as the server counts). */
export function literalText(template: string): { text: string; variables: number } {
  let variables = 0;
  const text = template.replace(/\{\{\{?([^}]*)\}?\}\}/g, (_, inner: string) => {
    if (!/^\s*[#/]|^\s*else\s*$/.test(inner)) variables += 1;
    return '';
  });
  return { text, variables };
}
