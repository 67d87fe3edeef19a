// Parent page: sizes each lvdong iframe to the height its embed.html reports.
addEventListener('message', (e) => {
  const d = e.data;
  if (!d || d.type !== 'lvdong:height' || !(d.height > 0)) return;
  for (const f of document.querySelectorAll('iframe')) {
    if (f.contentWindow === e.source) f.style.height = `${Math.ceil(d.height)}px`;
  }
});
