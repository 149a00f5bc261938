#!/usr/bin/python3
"""The WebKit browser the tests drive: WebKitGTK with Safari's tracking prevention.

WebKitWebDriver starts it (capability `webkitgtk:browserOptions`) and asks it
for an automation session. Unlike MiniBrowser's automation mode, whose data
lives in memory and skips tracking prevention, it keeps a persistent profile
in --data-dir with Intelligent Tracking Prevention on, as Safari does: a cookie
written by script is kept 7 days at most, third-party cookies are blocked.

--proxy sends every request except those to localhost through the test
server's loopback proxy, so the fake tracker hosts (*.test) are real third
parties. Pages can ask for a colour scheme or reduced motion (the tests'
emulateMedia()) with window.webkit.messageHandlers.samtyckeEngine.postMessage(
{ colorScheme: 'dark', reducedMotion: 'reduce' }): WebKitGTK follows the
matching GTK settings.
"""
import argparse
import os

import gi

gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import Gtk, WebKit2  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument('--data-dir', required=True)
parser.add_argument('--proxy')
# WebKitWebDriver passes --automation; this browser runs for automation only.
args, _ = parser.parse_known_args()

manager = WebKit2.WebsiteDataManager(
    base_data_directory=os.path.join(args.data_dir, 'data'),
    base_cache_directory=os.path.join(args.data_dir, 'cache'),
)
manager.set_itp_enabled(True)
manager.get_cookie_manager().set_persistent_storage(
    os.path.join(args.data_dir, 'cookies.sqlite'), WebKit2.CookiePersistentStorage.SQLITE)
if args.proxy:
    manager.set_network_proxy_settings(
        WebKit2.NetworkProxyMode.CUSTOM,
        WebKit2.NetworkProxySettings.new(args.proxy, ['localhost', '127.0.0.1']))

context = WebKit2.WebContext(website_data_manager=manager)
context.set_automation_allowed(True)

content = WebKit2.UserContentManager()
gtk_settings = Gtk.Settings.get_default()


def on_media_message(_, result):
    request = result.get_js_value()
    scheme = request.object_get_property('colorScheme')
    motion = request.object_get_property('reducedMotion')
    if not scheme.is_undefined():
        gtk_settings.set_property('gtk-application-prefer-dark-theme', scheme.to_string() == 'dark')
    if not motion.is_undefined():
        gtk_settings.set_property('gtk-enable-animations', motion.to_string() != 'reduce')


content.connect('script-message-received::samtyckeEngine', on_media_message)
content.register_script_message_handler('samtyckeEngine')


def create_web_view(_session):
    view = WebKit2.WebView(web_context=context, user_content_manager=content, is_controlled_by_automation=True)
    window = Gtk.Window()
    window.set_default_size(800, 600)
    window.add(view)
    view.connect('close', lambda _: window.destroy())
    window.show_all()
    return view


def on_automation_started(_, session):
    info = WebKit2.ApplicationInfo()
    info.set_name('samtycke-webkit')
    info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version())
    session.set_application_info(info)
    session.connect('create-web-view', create_web_view)


context.connect('automation-started', on_automation_started)
Gtk.main()
