using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Normative.Cli.Infrastructure;
using Normative.Data;
using Normative.Data.Adni;
using Normative.Data.Import;
using Normative.Data.Synthetic;
using Spectre.Console;

namespace Normative.Cli.Commands;

/// <summary><c>normative cohort generate|validate|import-adni|import-table</c>: make, check and import cohorts (design §2, §8).</summary>
internal static class CohortCommand
{
    /// <summary>How many problems <c>validate</c> lists before summarising the rest.</summary>
    private const int ShownIssues = 20;

    internal static Command Create()
    {
        var command = new Command("cohort", "Generate, validate or import a cohort (manifest + subjects and modality CSVs).\n\n" +
            "Example:\n  normative cohort generate --out data/synthetic\n  normative cohort validate data/synthetic");
        command.Subcommands.Add(Generate());
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(ImportAdni());
        command.Subcommands.Add(ImportTable());
        command.Subcommands.Add(ImportFreeSurfer());
        return command;
    }

    private static Command ImportFreeSurfer()
    {
        var subjectsDir = new Option<DirectoryInfo?>("--subjects-dir") { Description = "recon-all SUBJECTS_DIR: reads <dir>/<subject_id>/stats/aseg.stats, lh.aparc.stats and rh.aparc.stats." };
        var asegTable = new Option<FileInfo?>("--aseg-table") { Description = "Or: asegstats2table --meas volume output." };
        var aparcTable = new Option<FileInfo[]>("--aparc-table") { Description = "With --aseg-table: aparcstats2table --meas volume output, once per hemisphere." };
        var subjects = new Option<FileInfo>("--subjects") { Description = "Subjects table in the package's format (data-schemas/subjects.table-schema.json); an empty icv is filled with FreeSurfer's eTIV.", Required = true };
        var amyloid = new Option<FileInfo?>("--amyloid") { Description = "Optional regional amyloid SUVR table in the package's modality format (subject_id + region columns); subjects may lack it." };
        var regionSet = new Option<string>("--region-set") { Description = "Region set: mmsivae (default) or classic12.", DefaultValueFactory = _ => RegionSet.Mmsivae };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the cohort into.", Required = true };
        var name = new Option<string>("--name") { Description = "Cohort name.", DefaultValueFactory = _ => "freesurfer" };
        var command = new Command("import-freesurfer", "Build a cohort's MRI volumes from FreeSurfer outputs (recon-all stats files or the stats2table tables), for the subjects of a subjects table; writes and validates the cohort.\n\n" +
            "Examples:\n  normative cohort import-freesurfer --subjects-dir $SUBJECTS_DIR --subjects subjects.csv --amyloid suvr.csv --out data/mine\n" +
            "  normative cohort import-freesurfer --aseg-table aseg.tsv --aparc-table lh.tsv --aparc-table rh.tsv --subjects subjects.csv --out data/mine");
        foreach (var option in new Option[] { subjectsDir, asegTable, aparcTable, subjects, amyloid, regionSet, output, name }) command.Options.Add(option);
        command.SetGuardedAction((parse, _) =>
        {
            var sources = new FreeSurferSources(parse.GetValue(subjectsDir)?.FullName, parse.GetValue(asegTable)?.FullName,
                parse.GetValue(aparcTable) is { Length: > 0 } tables ? tables.Select(t => t.FullName).ToArray() : null);
            var result = FreeSurferImporter.Import(sources, parse.GetValue(subjects)!.FullName, parse.GetValue(amyloid)?.FullName, parse.GetValue(regionSet)!, parse.GetValue(name)!);
            foreach (var note in result.Notes) AnsiConsole.MarkupLine($"  note: {Markup.Escape(note)}");
            return WriteValidated(result.Cohort, parse.GetValue(output)!.FullName);
        });
        return command;
    }

    private static Command ImportTable()
    {
        var subjects = new Option<FileInfo>("--subjects") { Description = "Subjects table (CSV, any column names; the mapping says which is which).", Required = true };
        var modality = new Option<string[]>("--modality") { Description = "NAME=FILE, once per modality (e.g. mri=volumes.csv); NAME is a key of the mapping's 'modalities'.", Required = true };
        var mapping = new Option<FileInfo>("--mapping") { Description = "Mapping JSON (data-schemas/table-mapping.schema.json; example: data-schemas/table-mapping.example.json).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the cohort into.", Required = true };
        var name = new Option<string>("--name") { Description = "Cohort name.", DefaultValueFactory = _ => "imported" };
        var command = new Command("import-table", "Convert plain CSV tables (a subjects table and one table per modality) into a validated cohort, using a mapping of columns and values.\n\n" +
            "Example:\n  normative cohort import-table --subjects participants.csv --modality mri=volumes.csv --modality amyloid=suvr.csv --mapping mapping.json --out data/mine");
        foreach (var option in new Option[] { subjects, modality, mapping, output, name }) command.Options.Add(option);
        command.SetGuardedAction((parse, _) =>
        {
            var pairs = parse.GetValue(modality)!.Select(text =>
            {
                int eq = text.IndexOf('=');
                return eq > 0 && eq < text.Length - 1 ? (text[..eq].Trim(), text[(eq + 1)..].Trim())
                    : throw new ArgumentException($"--modality '{text}' is not NAME=FILE (e.g. mri=volumes.csv).");
            }).ToArray();
            string mappingPath = parse.GetValue(mapping)!.FullName;
            var cohort = TableImporter.Import(parse.GetValue(subjects)!.FullName, pairs, TableMapping.Load(mappingPath), mappingPath, parse.GetValue(name)!);
            return WriteValidated(cohort, parse.GetValue(output)!.FullName);
        });
        return command;
    }

    /// <summary>Writes an imported cohort, loads it back through the validator, and prints the summary or the problems.</summary>
    private static int WriteValidated(Cohort cohort, string folder)
    {
        string manifest = CohortWriter.Write(cohort, folder);
        var (loaded, issues, total) = CohortLoader.Check(folder);
        if (loaded is null)
        {
            foreach (var issue in issues.Take(ShownIssues)) Console.Error.WriteLine($"error: {issue}");
            if (total > ShownIssues) Console.Error.WriteLine($"... and {total - ShownIssues} more.");
            Console.Error.WriteLine($"error: the imported cohort at {folder} does not validate ({total} problem{(total == 1 ? "" : "s")}).");
            return 1;
        }
        AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(manifest)}[/]: {loaded.Subjects.Count} subjects; validated.");
        AnsiConsole.Write(Summary(loaded));
        return 0;
    }

    private static Command Generate()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the cohort into (created if needed).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of every random draw; the same seed writes identical files.", DefaultValueFactory = _ => 42 };
        var sizes = new Option<string>("--sizes")
        {
            Description = "Group sizes train,holdout,preclinical,cdr05,cdr1plus[,aneg_cdr05], or 'paper' (248,48,305,236,185). " +
                "The optional sixth count adds amyloid-negative CDR 0.5 patients (non-AD impairment, stage aneg_impaired; default 0).",
            DefaultValueFactory = _ => "paper",
        };
        var scale = new Option<double?>("--scale") { Description = "Multiply every group size by this factor (e.g. 0.1 for a quick test cohort)." };
        var regionSet = new Option<string>("--region-set") { Description = "Region set: mmsivae (default) or classic12.", DefaultValueFactory = _ => RegionSet.Mmsivae };
        var parameters = new Option<FileInfo?>("--parameters") { Description = "Edited copy of data-schemas/synthetic-cohort-parameters.json." };
        var missing = new Option<double>("--amyloid-missing-fraction") { Description = "Probability that a non-training subject lacks amyloid PET (default 0)." };
        var calibration = CalibrationSizeOption();
        var command = new Command("generate", "Write the synthetic ADNI-like cohort with its planted ground truth.\n\n" +
            "Example:\n  normative cohort generate --out data/synthetic --seed 7 --scale 0.1");
        foreach (var option in new Option[] { output, seed, sizes, scale, regionSet, parameters, missing, calibration }) command.Options.Add(option);
        command.SetGuardedAction((parse, _) =>
        {
            var groupSizes = CohortSizes.Parse(parse.GetValue(sizes)!);
            if (parse.GetValue(scale) is double factor) groupSizes = groupSizes.Scale(factor);
            var options = new SyntheticCohortOptions
            {
                Seed = parse.GetValue(seed),
                Sizes = groupSizes,
                RegionSet = parse.GetValue(regionSet)!,
                Parameters = parse.GetValue(parameters) is { } file ? SyntheticCohortParameters.Load(file.FullName) : null,
                AmyloidMissingFraction = parse.GetValue(missing),
                CalibrationControls = parse.GetValue(calibration),
            };
            var clock = Stopwatch.StartNew();
            var cohort = SyntheticCohortGenerator.Generate(options);
            double generated = clock.Elapsed.TotalSeconds;
            string manifest = cohort.Write(parse.GetValue(output)!.FullName);
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote [bold]{Markup.Escape(manifest)}[/]: {cohort.Cohort.Subjects.Count} subjects, seed {options.Seed}, generated in {generated:0.00} s, written in {clock.Elapsed.TotalSeconds - generated:0.00} s."));
            AnsiConsole.Write(Summary(cohort.Cohort));
            return 0;
        });
        return command;
    }

    /// <summary><c>--calibration-size</c>: controls in the out-of-sample calibration split (shared by <c>cohort generate</c> and <c>reproduce</c>).</summary>
    internal static Option<int> CalibrationSizeOption() => new("--calibration-size")
    {
        Description = "Controls in the 'calibration' split: out-of-sample controls, never trained on, that measure false-positive rates (default 2000; 0 for none).",
        DefaultValueFactory = _ => SyntheticCohortOptions.DefaultCalibrationControls,
    };

    private static Command Validate()
    {
        var path = new Argument<string>("path") { Description = "Cohort folder (holding cohort.json) or manifest file." };
        var command = new Command("validate", "Check a cohort against the schemas and the region catalogue; print a summary or the first problems.\n\n" +
            "Example:\n  normative cohort validate data/synthetic");
        command.Arguments.Add(path);
        command.SetGuardedAction((parse, _) =>
        {
            var (cohort, issues, total) = CohortLoader.Check(parse.GetValue(path)!);
            if (cohort is not null)
            {
                AnsiConsole.MarkupLine($"[green]Valid[/] cohort [bold]{Markup.Escape(cohort.Name)}[/].");
                AnsiConsole.Write(Summary(cohort));
                return 0;
            }
            var table = new Table().Title($"{total} problem{(total == 1 ? "" : "s")}{(total > issues.Count ? $" (the first {issues.Count} kept)" : "")}")
                .AddColumn("File").AddColumn("Row").AddColumn("Column").AddColumn("Problem");
            foreach (var issue in issues.Take(ShownIssues))
                table.AddRow(Markup.Escape(issue.File), issue.Row?.ToString(CultureInfo.InvariantCulture) ?? "", Markup.Escape(issue.Column ?? ""), Markup.Escape(issue.Problem));
            AnsiConsole.Write(table);
            if (total > ShownIssues) AnsiConsole.MarkupLine($"... and {total - ShownIssues} more.");
            Console.Error.WriteLine($"error: the cohort is not valid; first problem: {issues[0]}");
            return 1;
        });
        return command;
    }

    private static Command ImportAdni()
    {
        var clinical = new Option<FileInfo>("--clinical") { Description = "ADNIMERGE-style table (RID, VISCODE, AGE, PTGENDER, ADAS13, ...).", Required = true };
        var cdr = new Option<FileInfo?>("--cdr") { Description = "CDR.csv (RID, VISCODE2, CDGLOBAL); omit when the mapping reads CDR from --clinical." };
        var amyloid = new Option<FileInfo>("--amyloid") { Description = "UC Berkeley AV45 (or AMY 6MM) regional SUVR table.", Required = true };
        var volumes = new Option<FileInfo>("--volumes") { Description = "UCSF FreeSurfer (UCSFFSX*) regional volume table.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the cohort into.", Required = true };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "Edited copy of data-schemas/adni-column-mapping.json." };
        var seed = new Option<int>("--seed") { Description = "Seed of the controls' train / hold-out split.", DefaultValueFactory = _ => 42 };
        var holdout = new Option<double>("--holdout-fraction") { Description = "Fraction of controls held out (paper: 48/296).", DefaultValueFactory = _ => 48.0 / 296.0 };
        var regionSet = new Option<string>("--region-set") { Description = "Region set: mmsivae (default) or classic12.", DefaultValueFactory = _ => RegionSet.Mmsivae };
        var allowMissing = new Option<bool>("--allow-missing-modalities") { Description = "Keep subjects lacking one modality (marked unobserved) instead of excluding them." };
        var amyloidNegative = new Option<bool>("--include-amyloid-negative-patients") { Description = "Keep amyloid-negative subjects with CDR > 0 as patients." };
        var command = new Command("import-adni", "Convert ADNI-derived tables into a cohort, using an editable column mapping; excluded subjects are listed in excluded_subjects.csv.\n\n" +
            "Example:\n  normative cohort import-adni --clinical ADNIMERGE.csv --cdr CDR.csv --amyloid UCBERKELEYAV45_04_26_22.csv --volumes UCSFFSX6_03_02_21.csv --out data/adni");
        foreach (var option in new Option[] { clinical, cdr, amyloid, volumes, output, mapping, seed, holdout, regionSet, allowMissing, amyloidNegative }) command.Options.Add(option);
        command.SetGuardedAction((parse, _) =>
        {
            var result = AdniImporter.Import(new AdniImportOptions
            {
                ClinicalPath = parse.GetValue(clinical)!.FullName,
                CdrPath = parse.GetValue(cdr)?.FullName,
                AmyloidPath = parse.GetValue(amyloid)!.FullName,
                VolumesPath = parse.GetValue(volumes)!.FullName,
                Mapping = parse.GetValue(mapping) is { } file ? AdniColumnMapping.Load(file.FullName) : null,
                Seed = parse.GetValue(seed),
                HoldoutFraction = parse.GetValue(holdout),
                RegionSet = parse.GetValue(regionSet)!,
                AllowMissingModalities = parse.GetValue(allowMissing),
                IncludeAmyloidNegativePatients = parse.GetValue(amyloidNegative),
            });
            string manifest = result.Write(parse.GetValue(output)!.FullName);
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(manifest)}[/]: {result.Cohort.Subjects.Count} subjects; {result.Excluded.Count} excluded (see {AdniImportResult.ExcludedFileName}).");
            foreach (var group in result.Excluded.GroupBy(e => e.Reason).OrderByDescending(g => g.Count()))
                AnsiConsole.MarkupLine($"  excluded {group.Count()}: {Markup.Escape(group.Key)}");
            foreach (var note in result.Notes) AnsiConsole.MarkupLine($"  note: {Markup.Escape(note)}");
            AnsiConsole.Write(Summary(result.Cohort));
            return 0;
        });
        return command;
    }

    /// <summary>Subjects per stage and split, then one line per modality.</summary>
    private static Rows Summary(Cohort cohort)
    {
        var groups = new Table().Title($"Cohort {Markup.Escape(cohort.Name)}").AddColumn("Group").AddColumn("Split")
            .AddColumn(new TableColumn("n").RightAligned()).AddColumn(new TableColumn("age (mean)").RightAligned())
            .AddColumn(new TableColumn("female").RightAligned()).AddColumn(new TableColumn("ADAS13 (mean)").RightAligned());
        foreach (var g in cohort.Subjects.GroupBy(s => (s.Stage, s.Split)).OrderBy(g => g.Key.Stage).ThenBy(g => g.Key.Split))
        {
            var scores = g.Where(s => s.Adas13 is not null).Select(s => s.Adas13!.Value).ToArray();
            groups.AddRow(g.Key.Stage.ToString(), SubjectColumns.Format(g.Key.Split), g.Count().ToString(CultureInfo.InvariantCulture),
                g.Average(s => s.Age).ToString("0.0", CultureInfo.InvariantCulture),
                (g.Count(s => s.Sex == Sex.Female) / (double)g.Count()).ToString("0%", CultureInfo.InvariantCulture),
                scores.Length == 0 ? "-" : scores.Average().ToString("0.0", CultureInfo.InvariantCulture));
        }
        var modalities = new Table().AddColumn("Modality").AddColumn("File").AddColumn("Unit").AddColumn("Region set")
            .AddColumn(new TableColumn("Regions").RightAligned()).AddColumn(new TableColumn("Subjects with it").RightAligned()).AddColumn("Divided by ICV");
        foreach (var m in cohort.Modalities)
        {
            modalities.AddRow(Markup.Escape(m.Name), Markup.Escape(m.Entry.File), m.Entry.Unit.ToString().ToLowerInvariant(), Markup.Escape(m.Regions.Name),
                m.Regions.Count.ToString(CultureInfo.InvariantCulture), m.ObservedCount.ToString(CultureInfo.InvariantCulture), m.Entry.DividesByIcv ? "yes" : "no");
        }
        return new Rows(groups, modalities);
    }
}
