package org.clamp3.preprocess.xml;

import java.io.ByteArrayInputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.clamp3.core.io.InputLimits;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.ZipEntries;

/**
 * Reads a MusicXML file ({@code .xml}, {@code .musicxml}) or a compressed MusicXML container
 * ({@code .mxl}) into an {@link XmlElement} tree, safely: no DTD or external entity is ever
 * loaded (an external entity reference is an error), entity expansion is bounded, and so are the
 * file size, the tree's size and depth, the archive's entry count, and the size and compression
 * ratio of the entry read. Every problem is an {@link InvalidInputException}.
 *
 * <p>In an {@code .mxl} the score is, as xml2abc reads it, the first entry (central directory
 * order) whose name does not start with {@code META} and ends with {@code .xml} in any case;
 * {@code META-INF/container.xml} is not consulted.
 */
public final class MusicXmlReader {
    /** Largest XML document read, plain or unzipped. */
    public static final long MAX_XML_BYTES = InputLimits.SCORE;
    /** Largest .mxl archive opened. */
    public static final long MAX_ARCHIVE_BYTES = InputLimits.SCORE;
    public static final int MAX_ZIP_ENTRIES = 10_000;
    /** An entry may expand to at most this many times its compressed size (beyond the first MiB). */
    public static final long MAX_COMPRESSION_RATIO = 100;
    public static final int MAX_DEPTH = 2_000;
    public static final long MAX_ELEMENTS = 10_000_000;
    private static final int ENTITY_EXPANSION_LIMIT = 10_000;

    private MusicXmlReader() {}

    /** Reads the score of an .xml/.musicxml/.mxl file (the container is recognised by the extension, as xml2abc does). */
    public static XmlElement read(Path file) {
        byte[] xml = isMxl(file) ? readMxl(file) : readPlain(file);
        // the element tree takes several times the document (objects, maps, UTF-16 text)
        InputLimits.checkHeap(file, 10L * xml.length, "the score's tree");
        return parse(xml, file);
    }

    /**
     * Reads only the header of a score: the root element with its children before the first
     * {@code part} (partwise) or {@code measure} (timewise): {@code work}, {@code movement-title},
     * {@code identification}, {@code credit}s, {@code part-list}. A root that is neither
     * {@code score-partwise} nor {@code score-timewise} comes back without children. The same
     * limits and refusals as {@link #read}; the file (or the archive's score entry) is streamed and
     * read no further than the header.
     */
    public static XmlElement readHeader(Path file) {
        try (InputStream in = isMxl(file) ? openMxl(file) : openPlain(file)) {
            return parse(in, file, true);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean isMxl(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".mxl");
    }

    /** Parses XML bytes; {@code file} only names the source in error messages. */
    public static XmlElement parse(byte[] xml, Path file) {
        return parse(new ByteArrayInputStream(xml), file, false);
    }

    private static XmlElement parse(InputStream xml, Path file, boolean headerOnly) {
        XMLStreamReader r = null;
        try {
            r = factory().createXMLStreamReader(xml);
            return buildTree(r, file, headerOnly);
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof InvalidInputException iie) { // a limit of the stream read
                throw iie;
            }
            throw new InvalidInputException(file, "not well-formed XML: " + describe(e), e);
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(file, "not well-formed XML: " + oneLine(String.valueOf(e.getMessage())), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing more to release
                }
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // A DOCTYPE is normal in MusicXML; its internal subset is honoured like expat does,
        // but nothing outside the document is read.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        // External entities are "supported" only so that a reference reaches the resolver below,
        // which refuses it: expat (the original) also fails on them rather than dropping them.
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, true);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty("http://java.sun.com/xml/stream/properties/ignore-external-dtd", true);
        f.setProperty("http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", String.valueOf(ENTITY_EXPANSION_LIMIT));
        f.setProperty("http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit", String.valueOf(MAX_XML_BYTES));
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entity " + systemId + " is not loaded");
        });
        return f;
    }

    private static XmlElement buildTree(XMLStreamReader r, Path file, boolean headerOnly) throws XMLStreamException {
        Deque<XmlElement> open = new ArrayDeque<>();
        XmlElement root = null;
        long elements = 0;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (headerOnly && endOfHeader(open.size(), root, r.getLocalName())) {
                        return root;
                    }
                    if (++elements > MAX_ELEMENTS) {
                        throw new InvalidInputException(file, "more than " + MAX_ELEMENTS + " XML elements");
                    }
                    if (open.size() >= MAX_DEPTH) {
                        throw new InvalidInputException(file, "XML nested deeper than " + MAX_DEPTH + " levels");
                    }
                    Map<String, String> attrs = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        attrs.put(qualified(r.getAttributeNamespace(i), r.getAttributeLocalName(i)), r.getAttributeValue(i));
                    }
                    XmlElement e = new XmlElement(qualified(r.getNamespaceURI(), r.getLocalName()), attrs);
                    if (open.isEmpty()) {
                        root = e;
                    } else {
                        open.peek().addChild(e);
                    }
                    open.push(e);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    XmlElement cur = open.peek();
                    if (cur != null && !cur.hasChildren()) { // text after a child is a "tail": not kept
                        cur.appendText(r.getText());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException(
                        "entity &" + r.getLocalName() + "; is not expanded", r.getLocation());
                default -> {
                    // comments, processing instructions, the DOCTYPE: not part of the tree
                }
            }
        }
        if (root == null) {
            throw new InvalidInputException(file, "no XML root element");
        }
        return root;
    }

    /** Whether an element starting with {@code depth} elements open ends the header of the score {@code root}. */
    private static boolean endOfHeader(int depth, XmlElement root, String local) {
        if (depth != 1) {
            return false;
        }
        boolean score = root.tag().equals("score-partwise") || root.tag().equals("score-timewise");
        return !score || local.equals("part") || local.equals("measure");
    }

    private static String qualified(String uri, String local) {
        return uri == null || uri.isEmpty() ? local : "{" + uri + "}" + local;
    }

    private static byte[] readPlain(Path file) {
        try (InputStream in = openPlain(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static InputStream openPlain(Path file) {
        try {
            InputLimits.check(file, MAX_XML_BYTES);
            return new BufferedInputStream(Files.newInputStream(file));
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static byte[] readMxl(Path file) {
        try (InputStream in = openMxl(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw notAnArchive(file, e);
        }
    }

    /** The score entry of an .mxl, as a stream that refuses to unpack past the entry's limit and closes the archive. */
    private static InputStream openMxl(Path file) {
        InputLimits.check(file, MAX_ARCHIVE_BYTES);
        ZipFile zip = null;
        try {
            // Names without the UTF-8 flag are cp437, as Python's zipfile decodes them.
            zip = new ZipFile(file.toFile(), Charset.forName("IBM437"));
            ZipEntry score = scoreEntry(zip, file);
            long compressed = Math.max(score.getCompressedSize(), 1);
            long limit = Math.min(InputLimits.limit(MAX_XML_BYTES), Math.max(1L << 20, compressed * MAX_COMPRESSION_RATIO));
            InputStream entry = new ClosingArchive(ZipEntries.open(file, zip, score, limit), zip);
            zip = null; // the stream closes it
            return entry;
        } catch (IOException | IllegalArgumentException e) {
            throw notAnArchive(file, e);
        } finally {
            if (zip != null) {
                try {
                    zip.close();
                } catch (IOException ignored) {
                    // nothing more to release
                }
            }
        }
    }

    private static InvalidInputException notAnArchive(Path file, Exception e) {
        return new InvalidInputException(file, "not a readable .mxl (zip) archive: " + oneLine(String.valueOf(e.getMessage())), e);
    }

    private static ZipEntry scoreEntry(ZipFile zip, Path file) {
        ZipEntry score = null;
        int count = 0;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (++count > MAX_ZIP_ENTRIES) {
                throw new InvalidInputException(file, "archive has more than " + MAX_ZIP_ENTRIES + " entries");
            }
            String name = entry.getName();
            if (unsafeName(name)) {
                throw new InvalidInputException(file, "archive entry with an unsafe path: " + oneLine(name));
            }
            if (score == null && !name.startsWith("META") && isXmlName(name)) {
                score = entry;
            }
        }
        if (score == null) {
            throw new InvalidInputException(file, "no .xml score in the archive (the first non-META .xml entry is read)");
        }
        return score;
    }

    private static boolean isXmlName(String name) {
        int n = name.codePointCount(0, name.length());
        if (n < 4) {
            return false;
        }
        String last4 = name.substring(name.offsetByCodePoints(0, n - 4));
        return last4.toLowerCase(Locale.ROOT).equals(".xml");
    }

    private static boolean unsafeName(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) {
            return true;
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** An archive entry's (bounded) stream that closes its archive when closed. */
    private static final class ClosingArchive extends FilterInputStream {
        private final ZipFile zip;

        ClosingArchive(InputStream in, ZipFile zip) {
            super(in);
            this.zip = zip;
        }

        @Override
        public void close() throws IOException {
            try (zip) {
                super.close();
            }
        }
    }

    private static String describe(XMLStreamException e) {
        String msg = String.valueOf(e.getMessage());
        int at = msg.indexOf("Message: ");
        if (at >= 0) {
            msg = msg.substring(at + "Message: ".length());
        }
        msg = oneLine(msg);
        if (e.getLocation() != null && e.getLocation().getLineNumber() > 0) {
            return "line " + e.getLocation().getLineNumber() + ": " + msg;
        }
        return msg;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }
}
