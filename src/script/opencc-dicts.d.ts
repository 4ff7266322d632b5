/** opencc-js ships its dictionaries as ESM modules without type declarations: each default-exports `"key value|key value|..."`. */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
