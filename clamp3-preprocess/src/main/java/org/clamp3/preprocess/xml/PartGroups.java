package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part-list of a score as a tree of parts and part-groups, and its rendering as the
 * {@code %%score} staff layout and the part names of each part (xml2abc's getPartlist,
 * parseParts, prgroupelem, prgrouplist, bracePart).
 */
final class PartGroups {
    /**
     * xml2abc parses the part-list recursively, one Python call level per entry (a group's end returns
     * to its start's level); past this depth it stops with a RecursionError (measured with CPython 3.11).
     */
    static final int MAX_RECURSION_DEPTH = 997;
    private static final int MAX_NESTING = 400;

    /** Name and abbreviation of a score-part. */
    record PartName(String name, String abbreviation) {}

    /** group-symbol, group-barline, group-name, group-abbreviation of a part-group. */
    record GroupData(String symbol, String barline, String name, String abbreviation) {}

    /** A part-group: its members (PartName or Group) and its data. */
    static final class Group {
        final List<Object> members = new ArrayList<>();
        GroupData data;
    }

    /** The rendering: names per part (in part-list order) and the tokens of the %%score line. */
    record Layout(List<String[]> names, List<String> staves) {}

    private PartGroups() {}

    /** Parses the children of part-list, repairing missing and doubled group starts/stops first. */
    static List<Object> parse(XmlElement partList) {
        if (partList == null) {
            throw new ConversionFailure("no part-list");
        }
        List<XmlElement> xs = repaired(partList);
        Map<String, GroupData> data = new HashMap<>();
        List<String> openNumbers = new ArrayList<>();
        List<Group> open = new ArrayList<>();
        List<Object> top = new ArrayList<>();
        List<Integer> startDepths = new ArrayList<>();
        int depth = 1;
        for (int i = 0; i < xs.size(); i++, depth++) {
            XmlElement x = xs.get(i);
            boolean isStop = x.tag().equals("part-group") && !"start".equals(x.get("type"));
            if (depth >= MAX_RECURSION_DEPTH + (isStop ? 2 : 0)) {
                throw new ConversionFailure("part-list too long or too deeply grouped (xml2abc's recursion limit)");
            }
            List<Object> level = open.isEmpty() ? top : open.get(open.size() - 1).members;
            if (!x.tag().equals("part-group")) {
                level.add(new PartName(x.findText("part-name", ""), x.findText("part-abbreviation", "")));
                continue;
            }
            String num = x.get("number");
            if ("start".equals(x.get("type"))) {
                data.put(num, new GroupData(x.findText("group-symbol", ""), x.findText("group-barline", ""),
                        x.findText("group-name", ""), x.findText("group-abbreviation", "")));
                openNumbers.add(num);
                open.add(new Group());
                startDepths.add(depth);
                continue;
            }
            if (open.isEmpty()) {
                throw new ConversionFailure("part-group stop without start");
            }
            String innermost = openNumbers.remove(openNumbers.size() - 1);
            // two stops in a row in the wrong order: the original swaps the two groups' data
            if (i + 1 < xs.size() && "stop".equals(xs.get(i + 1).get("type")) && !Objects.equals(num, innermost)) {
                if (!data.containsKey(num) || !data.containsKey(innermost)) {
                    throw new ConversionFailure("part-group " + num + " was never started");
                }
                GroupData a = data.get(innermost);
                data.put(innermost, data.get(num));
                data.put(num, a);
            }
            if (!data.containsKey(num)) {
                throw new ConversionFailure("part-group " + num + " was never started");
            }
            depth = startDepths.remove(startDepths.size() - 1); // back to the level of the group's start
            Group g = open.remove(open.size() - 1);
            g.data = data.get(num);
            (open.isEmpty() ? top : open.get(open.size() - 1).members).add(g);
        }
        return top;
    }

    /** Inserts a stop before a second start of an open group, drops stops of groups not open, closes what stays open. */
    private static List<XmlElement> repaired(XmlElement partList) {
        List<XmlElement> xs = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (XmlElement x : partList.children()) {
            if (!x.tag().equals("part-group")) {
                xs.add(x);
                continue;
            }
            String num = x.get("number");
            if ("start".equals(x.get("type"))) {
                if (open.contains(num)) {
                    xs.add(stop(num));
                    xs.add(x);
                } else {
                    xs.add(x);
                    open.add(num);
                }
            } else if (open.contains(num)) {
                open.remove(num);
                xs.add(x);
            }
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            xs.add(stop(open.get(i)));
        }
        return xs;
    }

    private static XmlElement stop(String num) {
        Map<String, String> attrs = new java.util.LinkedHashMap<>();
        if (num != null) {
            attrs.put("number", num);
        }
        attrs.put("type", "stop");
        return XmlElement.synthetic("part-group", attrs);
    }

    /**
     * Lays out the parse tree over the staves of the parts (per part: staves, per staff: ABC voice numbers).
     * An entry that does not fit (e.g. more score-parts than parts) is reported and skipped, keeping what
     * it already produced, as the original does.
     */
    static Layout layout(List<Object> tree, List<List<List<Integer>>> partStaves, List<String> messages) {
        List<List<List<Integer>>> pmap = new ArrayList<>(partStaves);
        List<String[]> names = new ArrayList<>();
        List<String> staves = new ArrayList<>();
        for (Object x : tree) {
            try {
                element(x, "", "", false, pmap, names, staves, 0);
            } catch (ConversionFailure e) {
                messages.add("-- lousy musicxml: error in part-list");
            }
        }
        return new Layout(names, staves);
    }

    private static void element(Object x, String groupName, String groupAbbr, boolean bar, List<List<List<Integer>>> pmap,
            List<String[]> names, List<String> staves, int depth) {
        if (x instanceof PartName p) {
            List<List<Integer>> y = pop(pmap);
            if (!groupName.isEmpty()) {
                names.add(new String[] {groupName + ":" + p.name(), groupAbbr + ":" + p.abbreviation()});
            } else {
                names.add(new String[] {p.name(), p.abbreviation()});
            }
            staves.addAll(bracePart(y));
            return;
        }
        Group g = (Group) x;
        if (g.members.size() == 1 && g.members.get(0) instanceof PartName p) {
            // a group around one part only adds its name to the part's
            List<List<Integer>> y = pop(pmap);
            names.add(new String[] {p.name() + ":" + g.data.name(), p.abbreviation() + ":" + g.data.abbreviation()});
            staves.addAll(bracePart(y));
            return;
        }
        if (depth > MAX_NESTING) {
            throw new ConversionFailure("part-groups nested too deeply");
        }
        boolean groupBar = "yes".equals(g.data.barline()) || bar;
        boolean brace = "brace".equals(g.data.symbol());
        staves.add(brace ? "{" : "[");
        for (Object z : g.members) {
            element(z, g.data.name(), g.data.abbreviation(), groupBar, pmap, names, staves, depth + 1);
            if (groupBar) {
                staves.add("|");
            }
        }
        if (groupBar) {
            staves.remove(staves.size() - 1);
        }
        staves.add(brace ? "}" : "]");
    }

    private static List<List<Integer>> pop(List<List<List<Integer>>> pmap) {
        if (pmap.isEmpty()) {
            throw new ConversionFailure("more parts in the part-list than in the score");
        }
        return pmap.remove(0);
    }

    /** One part: voices of a staff in ( ), staves separated by |, a multi-staff part in { }. */
    static List<String> bracePart(List<List<Integer>> part) {
        if (part.isEmpty()) {
            return List.of();
        }
        List<String> brace = new ArrayList<>();
        for (List<Integer> ivs : part) {
            if (ivs.size() == 1) {
                brace.add(String.valueOf(ivs.get(0)));
            } else {
                brace.add("(");
                for (Integer iv : ivs) {
                    brace.add(String.valueOf(iv));
                }
                brace.add(")");
            }
            brace.add("|");
        }
        brace.remove(brace.size() - 1);
        if (part.size() > 1) {
            brace.add(0, "{");
            brace.add("}");
        }
        return brace;
    }
}
