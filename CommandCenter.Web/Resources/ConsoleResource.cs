namespace CommandCenter.Web.Resources;

/// <summary>
/// The marker type for the duty officers' console strings: ConsoleResource.resx holds the Chinese (zh-CN, the neutral
/// language) and ConsoleResource.en.resx the English text. Inject IStringLocalizer&lt;ConsoleResource&gt;.
/// </summary>
public sealed class ConsoleResource;
