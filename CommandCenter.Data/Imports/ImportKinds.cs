using CommandCenter.Data.Imports.Kinds;

namespace CommandCenter.Data.Imports;

/// <summary>The importer of every kind.</summary>
public sealed class ImportKinds(HierarchyImport hierarchy, IEnumerable<ISheetImport> sheets)
{
    private readonly Dictionary<ImportKind, ISheetImport> _sheets = sheets.ToDictionary(s => s.Template.Kind);

    public HierarchyImport Hierarchy { get; } = hierarchy;

    public ISheetImport For(ImportKind kind) =>
        _sheets.TryGetValue(kind, out var import) ? import : throw new ImportFileException($"不支持的导入类型：{kind}。");
}
