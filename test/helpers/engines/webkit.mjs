/**
 * WebKit for the browser tests: Debian's WebKitGTK (`webkit2gtk-driver`,
 * `gir1.2-webkit2-4.1`, `python3-gi`) with Safari's tracking prevention on,
 * driven over W3C WebDriver (WebKitWebDriver) by selenium-webdriver, in a
 * virtual X display (Xvfb). Nothing is downloaded.
 *
 * The browser is webkit-browser.py next to this file: a persistent profile in a
 * fresh temporary folder with Intelligent Tracking Prevention on, so a cookie
 * written by script is kept 7 days at most, as in Safari. Every request except
 * to localhost goes through a loopback proxy to the test server, so the fake
 * tracker hosts (*.test) are real third parties.
 *
 * @web/test-runner-commands drives a launcher of type `puppeteer` through the
 * page `getPage()` returns. This launcher answers with an adapter over its
 * WebDriver session that speaks the part of Puppeteer's Page those commands
 * use: keyboard, mouse, setViewport, emulateMediaFeatures. What only
 * Chromium's DevTools protocol can do (the accessibility tree, CDP sessions)
 * throws, naming the convention for Chromium-only tests.
 *
 * Notes from running it: do not set WEBKIT_DISABLE_COMPOSITING_MODE; screenshots
 * right after a window resize can come out blank.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Capabilities, Key, WebDriver } from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http/index.js';
import { Button, Origin } from 'selenium-webdriver/lib/input.js';

const driverPath = process.env.WEBKIT_WEBDRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
const BROWSER = fileURLToPath(new URL('./webkit-browser.py', import.meta.url));
const CHROMIUM_ONLY = 'needs Chromium\'s DevTools protocol: mark the test Chromium-only (see web-test-runner.config.mjs)';

/** Puppeteer's key names, as the tests' sendKeys() passes them, in WebDriver's encoding. */
const KEYS = {
  Tab: Key.TAB, Enter: Key.ENTER, Escape: Key.ESCAPE, Space: ' ', Backspace: Key.BACK_SPACE, Delete: Key.DELETE,
  Shift: Key.SHIFT, Control: Key.CONTROL, Alt: Key.ALT, Meta: Key.META,
  ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
  Home: Key.HOME, End: Key.END, PageUp: Key.PAGE_UP, PageDown: Key.PAGE_DOWN,
};
const BUTTONS = { left: Button.LEFT, middle: Button.MIDDLE, right: Button.RIGHT };

function key(name) {
  if ([...name].length === 1) return name;
  if (name in KEYS) return KEYS[name];
  throw new Error(`sendKeys: the key "${name}" has no WebDriver code in test/helpers/engines/webkit.mjs`);
}

/** A free loopback port (the kernel's choice; free again by the time it is used, in practice). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts Xvfb on a display it picks itself (-displayfd) and resolves with the process and `:N`. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let display = '';
    let errors = '';
    xvfb.stderr.on('data', (chunk) => (errors += chunk));
    xvfb.stdio[3].on('data', (chunk) => {
      display += chunk;
      if (display.includes('\n')) resolve({ xvfb, display: `:${display.trim()}` });
    });
    xvfb.on('error', (error) => reject(new Error(`cannot start Xvfb (apt-get install xvfb): ${error.message}`)));
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${errors}`)));
  });
}

/**
 * A loopback HTTP proxy that hands every request to the test server on
 * `port`, keeping its Host header: a request to http://analytics.test:PORT/x
 * reaches the test server as a request for /x on host analytics.test.
 */
function startProxy(port) {
  const proxy = http.createServer((request, response) => {
    let target;
    try {
      target = new URL(request.url);
    } catch {
      response.writeHead(400).end('not a proxy request');
      return;
    }
    const headers = { ...request.headers };
    delete headers['proxy-connection'];
    const upstream = http.request({ host: '127.0.0.1', port, method: request.method, path: target.pathname + target.search, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  // No TLS or WebSocket tunnels: every test host is plain http.
  proxy.on('connect', (_request, socket) => socket.destroy());
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)));
}

async function waitForDriver(url, driver) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
    const ready = await fetch(`${url}/status`).then((response) => response.ok, () => false);
    if (ready) return;
    if (Date.now() > deadline) throw new Error('WebKitWebDriver did not answer within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The part of Puppeteer's Page that @web/test-runner-commands calls, over a WebDriver session. */
class WebDriverPage {
  constructor(driver) {
    this.driver = driver;
    const actions = () => driver.actions({ async: true });
    this.keyboard = {
      type: (text) => actions().sendKeys(...[...text]).perform(),
      press: (name) => actions().keyDown(key(name)).keyUp(key(name)).perform(),
      down: (name) => actions().keyDown(key(name)).perform(),
      up: (name) => actions().keyUp(key(name)).perform(),
    };
    const button = (options) => BUTTONS[options?.button ?? 'left'];
    this.mouse = {
      move: (x, y) => actions().move({ x, y, origin: Origin.VIEWPORT }).perform(),
      click: (x, y, options) => actions().move({ x, y, origin: Origin.VIEWPORT }).press(button(options)).release(button(options)).perform(),
      down: (options) => actions().press(button(options)).perform(),
      up: (options) => actions().release(button(options)).perform(),
      reset: () => driver.actions().clear(),
    };
    this.accessibility = {
      snapshot: () => Promise.reject(new Error(`the accessibility tree ${CHROMIUM_ONLY}`)),
    };
  }

  /** Sizes the window so that the page's viewport is `width`×`height` CSS pixels, and waits until the page has it. */
  async setViewport({ width, height }) {
    const inner = () => this.driver.executeScript('return [innerWidth, innerHeight]');
    const [w, h] = await inner();
    if (w === width && h === height) return;
    const rect = await this.driver.manage().window().getRect();
    await this.driver.manage().window().setRect({ width: rect.width + width - w, height: rect.height + height - h });
    // The window manager's answer (there is none under Xvfb, GTK plays its part) arrives after the command returns.
    const deadline = Date.now() + 5000;
    for (;;) {
      const [nowW, nowH] = await inner();
      if (nowW === width && nowH === height) return;
      if (Date.now() > deadline) throw new Error(`setViewport: asked for ${width}×${height}, the page has ${nowW}×${nowH}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Colour scheme and reduced motion, through the browser's GTK settings (webkit-browser.py). */
  async emulateMediaFeatures(features = []) {
    const request = {};
    const queries = [];
    for (const { name, value } of features) {
      if (name === 'prefers-color-scheme' && ['light', 'dark', 'no-preference', ''].includes(value)) {
        request.colorScheme = value === 'dark' ? 'dark' : 'light';
        queries.push(`(prefers-color-scheme: ${request.colorScheme})`);
      } else if (name === 'prefers-reduced-motion' && ['reduce', 'no-preference', ''].includes(value)) {
        request.reducedMotion = value === 'reduce' ? 'reduce' : 'no-preference';
        queries.push(`(prefers-reduced-motion: ${request.reducedMotion})`);
      } else {
        throw new Error(`emulateMedia: ${name}: ${value} is not emulated in WebKit (see test/helpers/engines/webkit.mjs)`);
      }
    }
    await this.driver.executeAsyncScript(
      `const [request, queries, done] = arguments;
       window.webkit.messageHandlers.samtyckeEngine.postMessage(request);
       const deadline = Date.now() + 5000;
       (function check() {
         if (queries.every((query) => matchMedia(query).matches)) done(true);
         else if (Date.now() > deadline) done(false);
         else setTimeout(check, 10);
       })();`,
      request,
      queries,
    ).then((matched) => {
      if (!matched) throw new Error(`emulateMedia: the page does not match ${queries.join(' and ')} after 5 s`);
    });
  }

  emulateMediaType() {
    return Promise.reject(new Error('emulateMedia({ media }) is not emulated in WebKit'));
  }

  createCDPSession() {
    return Promise.reject(new Error(`a CDP session ${CHROMIUM_ONLY}`));
  }

  /** The cookies WebDriver reports for the page's URL, HttpOnly ones included, in the DevTools protocol's shape. */
  async cookies() {
    const cookies = await this.driver.manage().getCookies();
    return cookies.map((cookie) => ({
      name: cookie.name,
      value: cookie.value,
      domain: cookie.domain,
      path: cookie.path,
      expires: cookie.expiry ?? -1,
      httpOnly: cookie.httpOnly ?? false,
      secure: cookie.secure ?? false,
      sameSite: cookie.sameSite,
      session: cookie.expiry === undefined,
    }));
  }

  /**
   * Deletes the page's cookies and waits until they are gone: WebKit answers the
   * WebDriver command as soon as it has passed the deletion on to its network
   * process, so a cookie the page writes right after could otherwise be deleted
   * too.
   */
  async deleteCookies() {
    await this.driver.manage().deleteAllCookies();
    const deadline = Date.now() + 5000;
    while ((await this.driver.manage().getCookies()).length > 0) {
      if (Date.now() > deadline) throw new Error('deleteCookies: WebKit still lists cookies for the page after 5 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

class WebKitLauncher {
  name = 'WebKit';
  engine = 'webkit';
  /** See the module comment: the commands plugins reach the page through getPage(). */
  type = 'puppeteer';
  concurrency = 1;
  #config;
  #started;
  #processes = [];
  #proxy;
  #dataDir;
  #driver;
  #page;
  #sessions = new Map();

  initialize(config) {
    this.#config = config;
  }

  #start() {
    this.#started ??= this.#launch().catch(async (error) => {
      await this.stop();
      throw error;
    });
    return this.#started;
  }

  async #launch() {
    const { xvfb, display } = await startXvfb();
    this.#processes.push(xvfb);
    this.#proxy = await startProxy(this.#config.port);
    const port = await freePort();
    // A process group of its own: the browser and WebKit's processes it starts end with it.
    const webDriver = spawn(driverPath, [`--port=${port}`], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore', detached: true });
    this.#processes.push(webDriver);
    webDriver.on('error', () => {});
    const url = `http://127.0.0.1:${port}`;
    await waitForDriver(url, webDriver);
    this.#dataDir = mkdtempSync(join(tmpdir(), 'samtycke-webkit-'));
    const capabilities = new Capabilities({
      'webkitgtk:browserOptions': {
        binary: '/usr/bin/python3',
        args: [BROWSER, '--automation', `--data-dir=${this.#dataDir}`, `--proxy=http://127.0.0.1:${this.#proxy.address().port}`],
      },
    });
    this.#driver = await WebDriver.createSession(new Executor(new HttpClient(url)), capabilities);
    this.#page = new WebDriverPage(this.#driver);
    this.name = `WebKit ${(await this.#driver.getCapabilities()).getBrowserVersion()}`;
  }

  async startSession(sessionId, url) {
    await this.#start();
    this.#sessions.set(sessionId, url);
    await this.#driver.get(url);
  }

  isActive(sessionId) {
    return this.#sessions.has(sessionId);
  }

  getBrowserUrl(sessionId) {
    return this.#sessions.get(sessionId);
  }

  getPage(sessionId) {
    if (!this.#sessions.has(sessionId)) throw new Error(`no WebKit page for session ${sessionId}`);
    return this.#page;
  }

  async stopSession(sessionId) {
    this.#sessions.delete(sessionId);
    // Stop whatever the page still runs (timers, a reload loop) before the next file.
    await this.#driver.get('about:blank');
    return {};
  }

  startDebugSession() {
    throw new Error('the WebKit launcher has no debug mode: run the file in Chromium with --manual');
  }

  async stop() {
    await this.#driver?.quit().catch(() => {});
    this.#driver = undefined;
    await new Promise((resolve) => (this.#proxy ? this.#proxy.close(resolve) : resolve()));
    this.#proxy = undefined;
    this.kill();
  }

  /** Ends the driver with everything it started, and Xvfb; removes the profile. Synchronous, for process exit too. */
  kill() {
    for (const child of this.#processes.splice(0).reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }
    if (this.#dataDir) rmSync(this.#dataDir, { recursive: true, force: true });
    this.#dataDir = undefined;
  }
}

/**
 * The launcher for web-test-runner.config.mjs.
 *
 * @example browsers: [webkitLauncher()]
 */
export function webkitLauncher() {
  const launcher = new WebKitLauncher();
  // Never leave a driver, a browser or an X server behind, however the run ends.
  process.once('exit', () => launcher.kill());
  return launcher;
}
