/**
 * The browser APIs the client touches, as TeaVM JSO overlays: {@code fetch}, canvas pixels,
 * errors, timing and a few object helpers. Nothing here knows about models.
 */
package io.tandem.client.browser;
