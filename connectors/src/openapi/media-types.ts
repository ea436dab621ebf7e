/** JSON in any dress: `application/json`, `application/vnd.api+json`, with parameters, or `*\/*`. */
export const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\b|^\*\/\*$/i;
export const PLAIN_JSON_MEDIA = /^application\/json\b|^\*\/\*$/i;
export const FORM_MEDIA = /^application\/x-www-form-urlencoded\b/i;
export const MULTIPART_MEDIA = /^multipart\/form-data\b/i;
