/**
 * The {@code opencl} compute backend: one Aparapi kernel class dispatching on an op code over one device-resident
 * float arena, explicit transfers with a host/device residency check, and no silent fall back to Java threads.
 */
package org.specsoc.compute.opencl;
