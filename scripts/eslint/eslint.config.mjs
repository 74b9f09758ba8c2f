// ESLint for the map page's JavaScript and the tests' probe: run from the
// repository's top folder by scripts/lint (eslint -c scripts/eslint/eslint.config.mjs).
import js from "@eslint/js";
import globals from "globals";

export default [
    js.configs.recommended,
    {
        files: ["src/kzviewer/web/**/*.js", "tests/qt/probe.js"],
        languageOptions: {
            ecmaVersion: 2020,
            sourceType: "script",
            globals: {
                ...globals.browser,
                L: "readonly",             // Leaflet, inlined before these files
                QWebChannel: "readonly",   // qrc:///qtwebchannel/qwebchannel.js, in the app only
            },
        },
        rules: {
            "strict": ["error", "function"],
            "no-var": "error",
            "prefer-const": "error",
            "eqeqeq": "error",
            "no-implicit-globals": "error",
            "no-shadow": "error",
            "no-unused-vars": ["error", {args: "none"}],
            "no-use-before-define": ["error", {functions: false}],
            "curly": ["error", "multi-line"],
            "max-lines": ["error", {max: 300}],
        },
    },
];
