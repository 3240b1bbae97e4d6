namespace CommandCenter.Web.Resources;

/// <summary>
/// The marker type for the administrators' wall-display page: DisplaysResource.resx holds the Chinese (zh-CN, the neutral
/// language) and DisplaysResource.en.resx the English text. Inject IStringLocalizer&lt;DisplaysResource&gt;.
/// </summary>
public sealed class DisplaysResource;
