/**
 * The descriptive metadata of an input file, for a search index to show next to a hit:
 * {@link org.clamp3.preprocess.metadata.FileMetadata#read} gives title, artists, composer, track
 * names, duration and the like, by the file's extension, through the readers of the other
 * preprocess packages (audio tags, the safe MusicXML reader, the MIDI and MTF readers) and a small
 * reader of ABC tune headers. Metadata is optional: a file without it, or one that cannot be read,
 * gives an empty map.
 *
 * <p>Imports core and the other preprocess packages only; nothing from train, cli or picocli, and
 * it neither prints nor logs.
 */
package org.clamp3.preprocess.metadata;
