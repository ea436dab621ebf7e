// Mantine's mixins and rem() helpers for any .module.css in the app.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
