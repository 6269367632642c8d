// The words ctl and the frame commands read (dates, on/off, priorities) live in SatDaemon.Control, so that the web
// console reads them with the same rules and messages.
global using SatDaemon.Control.CommandLine;
