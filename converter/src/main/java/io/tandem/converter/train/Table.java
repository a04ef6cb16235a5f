package io.tandem.converter.train;

import io.tandem.converter.ConverterException;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.json.JsonException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A data set as a JSON array of records (objects of column → value), as vega-datasets ships it. */
public final class Table {
    private final List<Map<String, Object>> rows;
    private final Set<String> columns;

    private Table(List<Map<String, Object>> rows, Set<String> columns) {
        this.rows = rows;
        this.columns = columns;
    }

    @SuppressWarnings("unchecked")
    public static Table parse(String json, String name) {
        Object root;
        try {
            root = Json.parse(json);
        } catch (JsonException e) {
            throw new ConverterException("data " + name + " is not JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof List)) {
            throw new ConverterException("data " + name + ": expected a JSON array of records");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        List<Object> items = (List<Object>) root;
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map)) {
                throw new ConverterException("data " + name + ": record " + i + " is not a JSON object");
            }
            Map<String, Object> row = (Map<String, Object>) items.get(i);
            columns.addAll(row.keySet());
            rows.add(row);
        }
        return new Table(rows, columns);
    }

    public List<Map<String, Object>> rows() {
        return rows;
    }

    /** Refuses a column no record has, naming the ones the data does have. */
    public void requireColumn(String column, String role) {
        if (!columns.contains(column)) {
            throw new ConverterException("unknown " + role + " column '" + column + "' (the data has: "
                    + String.join(", ", columns) + ")");
        }
    }
}
