/* PyEval_CallObject for durable-rules 2.0.28 on Python 3.13.
 *
 * durable-rules calls PyEval_CallObject, a macro that Python 3.13 removed (ENGINE-NOTES.md).
 * Built without -DPyEval_CallObject=PyObject_CallObject, its engine library is left with
 * an undefined symbol and cannot be imported. This module defines that symbol with its
 * old meaning; advisor/engine.py loads it with RTLD_GLOBAL before durable's library, so a
 * plain `pip install` works on 3.13 too. It is loaded only when durable needs it.
 */
#include <Python.h>

#undef PyEval_CallObject
PyAPI_FUNC(PyObject *) PyEval_CallObject(PyObject *callable, PyObject *args);

PyObject *PyEval_CallObject(PyObject *callable, PyObject *args) {
    return PyObject_CallObject(callable, args);
}

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_callobject", NULL, -1, NULL};

PyMODINIT_FUNC PyInit__callobject(void) { return PyModule_Create(&module); }
