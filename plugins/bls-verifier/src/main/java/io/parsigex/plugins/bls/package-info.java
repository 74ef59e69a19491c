/** The bls-verifier plugin: batched BLS verification of partial signatures against the cluster's public shares. */
package io.parsigex.plugins.bls;
