namespace CommandCenter.Web.Resources;

/// <summary>
/// The marker type for the analytics page's strings: AnalyticsResource.resx (Chinese, the neutral language) and
/// AnalyticsResource.en.resx. Inject IStringLocalizer&lt;AnalyticsResource&gt;.
/// </summary>
public sealed class AnalyticsResource;
