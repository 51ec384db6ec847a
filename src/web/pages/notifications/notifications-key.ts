/** The notifications queries (the page and the unread badge in the layout) share this key. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
