namespace CommandCenter.Web.Resources;

/// <summary>
/// The marker type for the audit page (/admin/audit): AuditResource.resx holds the Chinese (zh-CN, the neutral language)
/// and AuditResource.en.resx the English text. Inject IStringLocalizer&lt;AuditResource&gt;.
/// </summary>
public sealed class AuditResource;
