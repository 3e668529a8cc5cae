package io.tillstream.sink;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a lake with DuckDB (its own Parquet reader, not parquet-java), as an analyst would. */
final class LakeReader implements AutoCloseable {

    private final Connection duckdb;
    private final String files;

    LakeReader(Path lake) throws SQLException {
        this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
        this.files = "read_parquet('" + lake.toAbsolutePath() + "/**/*.parquet', hive_partitioning = false, filename = true)";
    }

    long count(String where) throws SQLException {
        return number("SELECT count(*) FROM " + files + (where.isEmpty() ? "" : " WHERE " + where)).longValue();
    }

    long count() throws SQLException {
        return count("");
    }

    long distinctInvoices() throws SQLException {
        return number("SELECT count(DISTINCT invoice_no) FROM " + files).longValue();
    }

    /** Rows whose file is not in the directory of their own invoice date. */
    long misplaced() throws SQLException {
        return count("filename NOT LIKE '%/invoice_year=' || year(invoice_date) || '/invoice_month=' || month(invoice_date)"
            + " || '/invoice_day=' || day(invoice_date) || '/%'");
    }

    /** Revenue per invoice date, keyed as the pipeline keys its by-day totals (ISO dates). */
    Map<String, BigDecimal> revenueByDay() throws SQLException {
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        try (Statement statement = duckdb.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CAST(invoice_date AS VARCHAR), sum(price) FROM " + files
                 + " GROUP BY 1 ORDER BY 1")) {
            while (rows.next()) {
                revenue.put(rows.getString(1), rows.getBigDecimal(2));
            }
        }
        return revenue;
    }

    /** Column name to DuckDB's type name, as {@code DESCRIBE} prints it. */
    Map<String, String> columnTypes() throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement statement = duckdb.createStatement();
             ResultSet rows = statement.executeQuery("DESCRIBE SELECT * FROM " + files)) {
            while (rows.next()) {
                types.put(rows.getString("column_name"), rows.getString("column_type"));
            }
        }
        return types;
    }

    private Number number(String query) throws SQLException {
        try (Statement statement = duckdb.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return (Number) rows.getObject(1);
        }
    }

    @Override
    public void close() throws SQLException {
        duckdb.close();
    }
}
