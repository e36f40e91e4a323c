export declare const NEXT14_APP_DIR: string;
