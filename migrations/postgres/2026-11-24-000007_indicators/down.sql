DROP TABLE indicators;
