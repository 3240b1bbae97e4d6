namespace CommandCenter.Web.Resources;

/// <summary>
/// The marker type for the data wall's UI strings: WallResource.resx (Chinese, the neutral language) and
/// WallResource.en.resx (English). Inject IStringLocalizer&lt;WallResource&gt;.
/// </summary>
public sealed class WallResource;
