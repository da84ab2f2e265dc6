/** The channel layout most end-to-end suites share. */
export const channelConfig = {
  allow_subscribe_for_client: true,
  allow_user_limited_channels: true,
  namespaces: [
    {
      name: 'chat',
      history_size: 100,
      history_ttl: 300,
      force_recovery: true,
      presence: true,
      join_leave: true,
      allow_subscribe_for_client: true,
      allow_publish_for_subscriber: true,
      allow_history_for_subscriber: true,
      allow_presence_for_subscriber: true,
    },
    { name: 'small', history_size: 3, history_ttl: 300, force_recovery: true, allow_subscribe_for_client: true },
    { name: 'dm', allow_user_limited_channels: true },
    { name: 'feed', history_size: 10, history_ttl: 300, force_recovery: true, allow_subscribe_for_client: true },
  ],
};
