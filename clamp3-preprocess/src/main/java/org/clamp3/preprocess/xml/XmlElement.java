package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a parsed XML document, with the view of it that Python's ElementTree gives:
 * a tag ({@code {uri}local} when namespaced), attributes, the text before the first child element
 * ({@code null} when there is none) and the child elements. Comments and processing instructions
 * are not kept. Paths in {@link #find}, {@link #findAll} and {@link #findText} are child tags
 * separated by {@code /}, matched level by level in document order, as ElementPath does.
 */
public final class XmlElement {
    private final String tag;
    private final Map<String, String> attributes;
    private final List<XmlElement> children = new ArrayList<>();
    private String text;

    XmlElement(String tag, Map<String, String> attributes) {
        this.tag = tag;
        this.attributes = attributes.isEmpty() ? Map.of() : new LinkedHashMap<>(attributes);
    }

    /** A childless element made by the converter itself (e.g. a missing part-group stop). */
    static XmlElement synthetic(String tag, Map<String, String> attributes) {
        return new XmlElement(tag, attributes);
    }

    void appendText(String more) {
        text = text == null ? more : text + more;
    }

    void addChild(XmlElement child) {
        children.add(child);
    }

    public String tag() {
        return tag;
    }

    /** The text before the first child element, or null when there is none. */
    public String text() {
        return text;
    }

    /** An attribute's value, or null. */
    public String get(String name) {
        return attributes.get(name);
    }

    public String get(String name, String fallback) {
        String v = attributes.get(name);
        return v == null ? fallback : v;
    }

    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    /** Python's truth value of an element: true when it has child elements. */
    public boolean hasChildren() {
        return !children.isEmpty();
    }

    /** The first element on the path, or null. */
    public XmlElement find(String path) {
        return first(this, path.split("/"), 0);
    }

    private static XmlElement first(XmlElement from, String[] steps, int i) {
        for (XmlElement c : from.children) {
            if (c.tag.equals(steps[i])) {
                XmlElement hit = i == steps.length - 1 ? c : first(c, steps, i + 1);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    /** All elements on the path, in document order. */
    public List<XmlElement> findAll(String path) {
        List<XmlElement> level = List.of(this);
        for (String step : path.split("/")) {
            List<XmlElement> next = new ArrayList<>();
            for (XmlElement e : level) {
                for (XmlElement c : e.children) {
                    if (c.tag.equals(step)) {
                        next.add(c);
                    }
                }
            }
            level = next;
            if (level.isEmpty()) {
                break;
            }
        }
        return level;
    }

    /** The text of the first element on the path ("" when it has none), or null when there is no such element. */
    public String findText(String path) {
        XmlElement e = find(path);
        if (e == null) {
            return null;
        }
        return e.text == null ? "" : e.text;
    }

    public String findText(String path, String fallback) {
        String t = findText(path);
        return t == null ? fallback : t;
    }
}
