/** The API version every request asks for (`Notion-Version`): the default of @notionhq/client 5 (data sources). */
export const notionVersion = '2025-09-03';
