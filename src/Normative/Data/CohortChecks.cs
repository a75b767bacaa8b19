namespace Normative.Data;

/// <summary>
/// Checks that need the whole cohort: there are training controls, and each region varies across them
/// (a zero standard deviation would make the training-control z-score divide by zero).
/// </summary>
internal static class CohortChecks
{
    public static void Run(Cohort cohort, string subjectsFile, string folder, IssueSink issues)
    {
        var train = cohort.TrainingControlRows;
        if (train.Count == 0)
        {
            issues.Add(new CohortIssue(subjectsFile, null, SubjectColumns.Split,
                "no training controls: no row has split = train and group = control, so there is nothing to fit the normative model on."));
            return;
        }
        foreach (var table in cohort.Modalities)
        {
            string file = Path.Combine(folder, table.Entry.File);
            var observed = train.Where(table.IsObserved).ToArray();
            if (observed.Length < 2)
            {
                issues.Add(new CohortIssue(file, null, SubjectColumns.SubjectId,
                    $"only {observed.Length} training control(s) have this modality; at least 2 are needed to estimate its mean and SD."));
                continue;
            }
            for (int j = 0; j < table.Regions.Count; j++)
            {
                double first = Normalised(cohort, table, observed[0], j);
                if (observed.All(i => Normalised(cohort, table, i, j) == first))
                {
                    issues.Add(new CohortIssue(file, null, table.Regions.Regions[j].Id,
                        $"zero variance across the {observed.Length} training controls{(table.Entry.DividesByIcv ? " (after dividing by ICV)" : "")}; the region cannot be z-scored."));
                }
            }
        }
    }

    private static double Normalised(Cohort cohort, ModalityTable table, int i, int j) =>
        table.Entry.DividesByIcv ? table.Row(i)![j] / cohort.Subjects[i].RequireIcv() : table.Row(i)![j];
}
