export declare const NEXT14_APP_DIR: string;
export declare const NEXTAUTH5_APP_DIR: string;
export declare function buildExampleCopy(options: {
  label: string;
  dir: string;
  stack: Record<string, string>;
  edit: (dir: string) => void;
}): Record<string, string>;
