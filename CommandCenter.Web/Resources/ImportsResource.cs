namespace CommandCenter.Web.Resources;

/// <summary>
/// The marker type for the administrators' import page: ImportsResource.resx holds the Chinese (zh-CN, the neutral
/// language) and ImportsResource.en.resx the English text.
/// </summary>
public sealed class ImportsResource;
