// IPC channel names shared by main and preload.
export const APP_INFO_CHANNEL = 'pos:app-info';
