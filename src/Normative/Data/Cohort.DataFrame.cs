using Microsoft.Data.Analysis;

namespace Normative.Data;

public sealed partial class Cohort
{
    /// <summary>
    /// The cohort as one wide <see cref="DataFrame"/> for notebooks: the subjects columns, then one raw-value
    /// column per modality and region named <c>&lt;modality&gt;__&lt;region&gt;</c> (null where a modality is missing).
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn(SubjectColumns.SubjectId, Subjects.Select(s => s.Id)),
            new StringDataFrameColumn(SubjectColumns.Split, Subjects.Select(s => SubjectColumns.Format(s.Split))),
            new StringDataFrameColumn(SubjectColumns.Group, Subjects.Select(s => SubjectColumns.Format(s.Group))),
            new DoubleDataFrameColumn(SubjectColumns.Cdr, Subjects.Select(s => s.Cdr)),
            new BooleanDataFrameColumn(SubjectColumns.AmyloidPositive, Subjects.Select(s => s.AmyloidPositive)),
            new DoubleDataFrameColumn(SubjectColumns.Age, Subjects.Select(s => s.Age)),
            new StringDataFrameColumn(SubjectColumns.Sex, Subjects.Select(s => SubjectColumns.Format(s.Sex))),
            new DoubleDataFrameColumn(SubjectColumns.Icv, Subjects.Select(s => s.IcvMm3)),
            new DoubleDataFrameColumn(SubjectColumns.Adas13, Subjects.Select(s => s.Adas13)),
        };
        foreach (var table in Modalities)
        {
            for (int j = 0; j < table.Regions.Count; j++)
            {
                int column = j;
                columns.Add(new DoubleDataFrameColumn(ColumnName(table.Name, table.Regions.Regions[j].Id),
                    Enumerable.Range(0, table.RowCount).Select(i => table.Row(i) is { } row ? row[column] : (double?)null)));
            }
        }
        return new DataFrame(columns);
    }

    /// <summary>Name of the column holding <paramref name="regionId"/> of <paramref name="modality"/> in wide tables.</summary>
    public static string ColumnName(string modality, string regionId) => $"{modality}__{regionId}";
}
