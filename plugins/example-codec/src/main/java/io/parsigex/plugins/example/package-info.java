/** The example-codec plugin: the README's worked example of a third-party codec. */
package io.parsigex.plugins.example;
