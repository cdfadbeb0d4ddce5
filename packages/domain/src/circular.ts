/** Rules of the meeting service; implemented in the meetings issue (see docs/MEETINGS.md). */
export {}
