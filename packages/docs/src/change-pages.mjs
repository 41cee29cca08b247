// "What changed" pages per API version step, rendered by the contract diff engine of the generator.
// Until the engine exposes its Markdown renderer this returns no pages.
export async function renderChangePages() {
  return [];
}
