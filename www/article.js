// Demo article controls: the 中文/English and light/dark switches set the
// `lang` and `theme` attributes of every chart on the page.

const charts = () => document.querySelectorAll('lvdong-chart');
const langBtn = document.getElementById('lang-switch');
const themeBtn = document.getElementById('theme-switch');

function setLang(lang) {
  for (const c of charts()) c.setAttribute('lang', lang);
  langBtn.setAttribute('aria-pressed', String(lang === 'en'));
  langBtn.textContent = lang === 'en' ? '中文' : 'English';
  langBtn.setAttribute('lang', lang === 'en' ? 'zh-CN' : 'en');
}

function setTheme(theme) {
  for (const c of charts()) c.setAttribute('theme', theme);
  document.documentElement.dataset.theme = theme;
  themeBtn.setAttribute('aria-pressed', String(theme === 'dark'));
}

langBtn.addEventListener('click', () => setLang(langBtn.getAttribute('aria-pressed') === 'true' ? 'zh' : 'en'));
themeBtn.addEventListener('click', () => setTheme(themeBtn.getAttribute('aria-pressed') === 'true' ? 'light' : 'dark'));

const params = new URLSearchParams(location.search);
if (params.get('lang') === 'en') setLang('en');
if (params.get('theme') === 'dark') setTheme('dark');
