// GraphQL documents the monday pack sends (developer.monday.com/api-reference), values always as variables.

const itemFields = 'id name url board { id } group { id title } column_values { id type text value }';

export const createItemQuery = `mutation ($board: ID!, $group: String, $name: String!, $values: JSON, $labels: Boolean) { create_item(board_id: $board, group_id: $group, item_name: $name, column_values: $values, create_labels_if_missing: $labels) { ${itemFields} } }`;

export const changeColumnValuesQuery = `mutation ($board: ID!, $item: ID!, $values: JSON!, $labels: Boolean) { change_multiple_column_values(board_id: $board, item_id: $item, column_values: $values, create_labels_if_missing: $labels) { ${itemFields} } }`;

export const createUpdateQuery = 'mutation ($item: ID!, $body: String!) { create_update(item_id: $item, body: $body) { id body text_body created_at creator { id name } } }';

// Later pages send the previous page's `cursor` in the variables (null on the first).
export const findItemsQuery = `query ($board: ID!, $column: String!, $value: String!, $limit: Int, $cursor: String) { items_page_by_column_values(board_id: $board, limit: $limit, cursor: $cursor, columns: [{ column_id: $column, column_values: [$value] }]) { cursor items { ${itemFields} } } }`;

export const boardsQuery = 'query { boards(limit: 200, order_by: used_at, state: active) { id name } }';

export const columnsQuery = 'query ($board: [ID!]) { boards(ids: $board) { columns { id title type } } }';

export const createWebhookQuery = 'mutation ($board: ID!, $url: String!, $event: WebhookEventType!) { create_webhook(board_id: $board, url: $url, event: $event) { id board_id } }';

export const deleteWebhookQuery = 'mutation ($id: ID!) { delete_webhook(id: $id) { id board_id } }';

export const meQuery = 'query { me { id name email account { id name } } }';
