// Mantine's mixins and rem() helpers for any .module.css in the app.
export default {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
