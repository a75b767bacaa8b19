using MathNet.Numerics.LinearAlgebra;

namespace Normative.Deviation;

/// <summary>
/// Validation and conversion of the plain arrays the deviation metrics take (rows = subjects),
/// so every metric rejects bad input with the same message shape: argument, row and column, 1-based.
/// </summary>
internal static class ArrayInput
{
    /// <summary>Throws unless every entry of <paramref name="data"/> is finite and it has at least one row and column.</summary>
    public static void RequireFinite(double[,] data, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.GetLength(0) == 0 || data.GetLength(1) == 0)
            throw new ArgumentException($"'{name}' is empty ({data.GetLength(0)} rows, {data.GetLength(1)} columns).", name);
        for (int i = 0; i < data.GetLength(0); i++)
        {
            for (int j = 0; j < data.GetLength(1); j++)
            {
                if (!double.IsFinite(data[i, j]))
                    throw new ArgumentException($"'{name}' row {i + 1}, column {j + 1} is {data[i, j]}; every value must be finite.", name);
            }
        }
    }

    /// <summary>Throws unless every entry of <paramref name="values"/> is finite.</summary>
    public static void RequireFinite(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"'{name}' entry {i + 1} is {values[i]}; every value must be finite.", name);
        }
    }

    /// <summary>Throws unless <paramref name="values"/> has at least <paramref name="minimum"/> entries.</summary>
    public static void RequireCount(IReadOnlyList<double> values, int minimum, string name)
    {
        if (values.Count < minimum)
            throw new ArgumentException($"'{name}' has {values.Count} values; at least {minimum} are needed.", name);
    }

    /// <summary>Throws unless the two samples are paired (same length).</summary>
    public static void RequireSameLength(IReadOnlyList<double> x, IReadOnlyList<double> y, string xName, string yName)
    {
        if (x.Count != y.Count)
            throw new ArgumentException($"'{xName}' has {x.Count} values but '{yName}' has {y.Count}; they must be paired.", yName);
    }

    /// <summary>Throws unless <paramref name="data"/> has exactly <paramref name="columns"/> columns.</summary>
    public static void RequireColumns(double[,] data, int columns, string name)
    {
        if (data.GetLength(1) != columns)
            throw new ArgumentException($"'{name}' has {data.GetLength(1)} columns; the reference was fitted on {columns}.", name);
    }

    /// <summary>Converts rows-as-subjects jagged input to a rectangular array, naming the first ragged row.</summary>
    public static double[,] FromRows(double[][] rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        int columns = rows.Length == 0 ? 0 : rows[0].Length;
        var result = new double[rows.Length, columns];
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] is null || rows[i].Length != columns)
                throw new ArgumentException($"'{name}' row {i + 1} has {rows[i]?.Length ?? 0} values; row 1 has {columns}.", name);
            for (int j = 0; j < columns; j++) result[i, j] = rows[i][j];
        }
        return result;
    }

    public static Matrix<double> ToMatrix(double[,] data) => Matrix<double>.Build.DenseOfArray(data);

    /// <summary>Checks reference vectors for an estimator (finite, at least <paramref name="minimumRows"/> rows) and returns them as a matrix.</summary>
    public static Matrix<double> ReferenceMatrix(double[,] data, int minimumRows, string estimator, string name)
    {
        RequireFinite(data, name);
        if (data.GetLength(0) < minimumRows)
            throw new ArgumentException($"{estimator} needs at least {minimumRows} rows; got {data.GetLength(0)}.", name);
        return ToMatrix(data);
    }

    /// <summary>
    /// The <paramref name="rows"/> (null = every row) of <paramref name="data"/> and, of each, the <paramref name="columns"/>
    /// (null = every column), in the order given: one home for the row and column selections the references and mappings make.
    /// </summary>
    public static double[,] Submatrix(double[,] data, IReadOnlyList<int>? rows, IReadOnlyList<int>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        int height = rows?.Count ?? data.GetLength(0), width = columns?.Count ?? data.GetLength(1);
        var result = new double[height, width];
        for (int r = 0; r < height; r++)
        {
            int row = rows?[r] ?? r;
            for (int c = 0; c < width; c++) result[r, c] = data[row, columns?[c] ?? c];
        }
        return result;
    }

    public static double[] Column(double[,] data, int column)
    {
        var result = new double[data.GetLength(0)];
        for (int i = 0; i < result.Length; i++) result[i] = data[i, column];
        return result;
    }
}
