// The moderator dashboard at /admin (Preact). Its styles are bundled as text and added once.
import { render } from 'preact';
import { App } from './App.js';
import css from './admin.css';

const style = document.createElement('style');
style.textContent = css;
document.head.append(style);
render(<App />, document.getElementById('app')!);
